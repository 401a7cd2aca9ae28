import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ConflictKind } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** A conflict declared by a person, or recorded on their behalf by a chair, coordinator or PSD. */
@Entity({ name: 'case_conflicts' })
@Check('case_conflicts_kind_check', `kind IN ('colleague','friend','family','line_manager','former_partner','other')`)
@Check('case_conflicts_source_check', `source IN ('declared','recorded')`)
@Index('case_conflicts_case_user_idx', ['caseId', 'userId'])
export class CaseConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  kind!: ConflictKind;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  source!: 'declared' | 'recorded';

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
