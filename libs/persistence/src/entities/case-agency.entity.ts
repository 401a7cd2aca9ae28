import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';

/** The agencies involved in a case: their members form the case panel. */
@Entity({ name: 'case_agencies' })
export class CaseAgencyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;
}
