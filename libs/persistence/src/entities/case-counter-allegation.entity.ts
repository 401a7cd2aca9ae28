import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A counter-allegation (the suspect, or someone for them, names the victim as the abuser), recorded on the
 * original case in its panel compartment, never registered as a case of its own (decision 0025). Who
 * made it is the case's suspect, a person with an account, or someone described: exactly one of these.
 */
@Entity({ name: 'case_counter_allegations' })
@Check(
  'case_counter_allegations_made_by_check',
  `(made_by_suspect AND made_by_user_id IS NULL AND made_by_description IS NULL)
    OR (NOT made_by_suspect AND (made_by_user_id IS NULL) <> (made_by_description IS NULL))`,
)
@Index('case_counter_allegations_case_idx', ['caseId', 'receivedOn'])
export class CaseCounterAllegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ name: 'referring_agency_id', type: 'uuid' })
  referringAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referring_agency_id' })
  referringAgency?: AgencyEntity;

  @Column({ name: 'made_by_suspect', type: 'boolean' })
  madeBySuspect!: boolean;

  @Column({ name: 'made_by_user_id', type: 'uuid', nullable: true })
  madeByUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'made_by_user_id' })
  madeByUser?: UserEntity;

  @Column({ name: 'made_by_description', type: 'text', nullable: true })
  madeByDescription!: string | null;

  @Column({ type: 'text' })
  alleged!: string;

  @Column({ name: 'how_received', type: 'text' })
  howReceived!: string;

  /** The referral declined at triage because it was recorded here instead, when it came that way. */
  @Column({ name: 'from_referral_id', type: 'uuid', nullable: true })
  fromReferralId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'from_referral_id' })
  fromReferral?: CaseEntity;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: UserEntity;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
