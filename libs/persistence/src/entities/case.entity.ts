import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseStatus, ReferralGround } from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';

/**
 * A case's structure: what the policy and the workflow need. Everything a person reads as content
 * lives in `case_compartments` and `case_entries`, each row in one compartment.
 */
@Entity({ name: 'cases' })
@Unique('cases_reference_key', ['reference'])
@Check('cases_status_check', `status IN ('referred','accepted','declined','listed','heard','actions_open','closed')`)
@Check('cases_referral_ground_check', `referral_ground IN ('visible_high_risk','professional_judgement','escalation')`)
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ name: 'referral_ground', type: 'text' })
  referralGround!: ReferralGround;

  @Column({ name: 'referred_on', type: 'date' })
  referredOn!: string;

  @Column({ name: 'referring_agency_id', type: 'uuid' })
  referringAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referring_agency_id' })
  referringAgency?: AgencyEntity;

  @Column({ name: 'repeat_of_case_id', type: 'uuid', nullable: true })
  repeatOfCaseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'repeat_of_case_id' })
  repeatOf?: CaseEntity;

  @Column({ name: 'investigating_force_id', type: 'uuid', nullable: true })
  investigatingForceId!: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'investigating_force_id' })
  investigatingForce?: AgencyEntity;

  /**
   * The police force the victim works for, when they are police staff. Not content anyone reads here (the
   * victim compartment holds what is shown): it marks the case police-connected on the victim's side, and
   * with `case_victim_workers` (where in the force she works) conflicts are derived from her workplace.
   */
  @Column({ name: 'victim_employer_force_id', type: 'uuid', nullable: true })
  victimEmployerForceId!: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'victim_employer_force_id' })
  victimEmployerForce?: AgencyEntity;

  /** Keyed hashes that let Caseroom spot a repeat referral without comparing names in the clear. */
  @Index('cases_match_keys_idx')
  @Column({ name: 'victim_match_key', type: 'text' })
  victimMatchKey!: string;

  @Column({ name: 'suspect_match_key', type: 'text' })
  suspectMatchKey!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
