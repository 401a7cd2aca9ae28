import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * An agency asked to research one case of a conference's agenda, and when and by whom it returned what
 * it holds. What it holds goes into the case's compartments as entries; only the note of what was
 * withheld and why is kept here.
 */
@Entity({ name: 'research_requests' })
@Unique('research_requests_conference_case_agency_key', ['conferenceId', 'caseId', 'agencyId'])
@Check('research_requests_returned_check', `(returned_at IS NULL) = (returned_by IS NULL)`)
@Check('research_requests_withheld_check', `withheld IS NULL OR returned_at IS NOT NULL`)
@Index('research_requests_agency_idx', ['agencyId'])
export class ResearchRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserEntity;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'returned_by', type: 'uuid', nullable: true })
  returnedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'returned_by' })
  returner?: UserEntity;

  @Column({ type: 'text', nullable: true })
  withheld!: string | null;
}
