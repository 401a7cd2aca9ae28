import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AreaConcern, ProposalBasis } from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * Who speaks for the victim on a case, and why that IDVA: what Caseroom proposed, and the coordinator's
 * reason whenever they chose otherwise. Append-only: the latest row is the allocation, earlier ones its history.
 */
@Entity({ name: 'idva_allocations' })
@Check(
  'idva_allocations_basis_check',
  `basis IN ('outside_both_force_areas','outside_suspect_force_area','none_outside_suspect_force_area')`,
)
@Check(
  'idva_allocations_reason_check',
  `reason IS NOT NULL OR (basis IS NOT NULL AND proposed_service_id = service_id AND proposed_idva_id = idva_id)`,
)
@Check('idva_allocations_concerns_check', `concerns <@ ARRAY['serves_suspect_force','serves_victim_employer_force']::text[]`)
@Index('idva_allocations_case_idx', ['caseId', 'allocatedAt'])
@Index('idva_allocations_idva_idx', ['idvaId'])
export class IdvaAllocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id' })
  service?: AgencyEntity;

  @Column({ name: 'idva_id', type: 'uuid' })
  idvaId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'idva_id' })
  idva?: UserEntity;

  @Column({ name: 'proposed_service_id', type: 'uuid', nullable: true })
  proposedServiceId!: string | null;

  @Column({ name: 'proposed_idva_id', type: 'uuid', nullable: true })
  proposedIdvaId!: string | null;

  @Column({ type: 'text', nullable: true })
  basis!: ProposalBasis | null;

  @Column({ type: 'text', array: true })
  concerns!: AreaConcern[];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'allocated_by', type: 'uuid' })
  allocatedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'allocated_by' })
  allocator?: UserEntity;

  @CreateDateColumn({ name: 'allocated_at', type: 'timestamptz' })
  allocatedAt!: Date;
}
