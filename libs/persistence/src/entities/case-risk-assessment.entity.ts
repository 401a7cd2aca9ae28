import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { DashAnswers, RiskTool } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A risk assessment of the victim as it was made: each question's answer, the score, who assessed and
 * when. Panel content: read only through the panel compartment's audience.
 */
@Entity({ name: 'case_risk_assessments' })
@Check('case_risk_assessments_tool_check', `tool IN ('dash_ric')`)
@Check('case_risk_assessments_score_check', `score BETWEEN 0 AND 24`)
@Index('case_risk_assessments_case_idx', ['caseId', 'assessedAt'])
export class CaseRiskAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  tool!: RiskTool;

  @Column({ type: 'jsonb' })
  answers!: DashAnswers;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ name: 'assessed_by', type: 'uuid' })
  assessedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by' })
  assessor?: UserEntity;

  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;
}
