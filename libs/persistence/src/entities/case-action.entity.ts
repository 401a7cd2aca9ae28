import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ActionStatus, Compartment } from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/** One action of a case's MARAC action plan; its dated reports are `action_updates`. */
@Entity({ name: 'case_actions' })
@Check('case_actions_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
@Check('case_actions_status_check', `status IN ('open','done','not_possible','not_done')`)
@Index('case_actions_case_idx', ['caseId'])
@Index('case_actions_open_due_idx', ['dueOn'], { where: `status = 'open'` })
export class CaseActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'conference_id', type: 'uuid', nullable: true })
  conferenceId!: string | null;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'text' })
  compartment!: Compartment;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'owner_agency_id', type: 'uuid' })
  ownerAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_agency_id' })
  ownerAgency?: AgencyEntity;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_user_id' })
  ownerUser?: UserEntity;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
