import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStatus } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

const statuses = `('referred','accepted','declined','listed','heard','actions_open','closed')`;

/**
 * Every move of a case's status, who made it and why (a declined referral's reason): the trail of
 * decisions to act and not to act. The reason is panel content.
 */
@Entity({ name: 'case_status_changes' })
@Check('case_status_changes_from_check', `from_status IN ${statuses}`)
@Check('case_status_changes_to_check', `to_status IN ${statuses}`)
@Index('case_status_changes_case_idx', ['caseId', 'changedAt'])
export class CaseStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus!: CaseStatus;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: CaseStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by' })
  changer?: UserEntity;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
