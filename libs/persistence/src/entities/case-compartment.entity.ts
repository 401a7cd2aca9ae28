import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Compartment } from '@caseroom/domain';
import { CaseEntity } from './case.entity';

/** The structured fields of one compartment of one case. */
@Entity({ name: 'case_compartments' })
@Check('case_compartments_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
export class CaseCompartmentEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @PrimaryColumn({ type: 'text' })
  compartment!: Compartment;

  @Column({ type: 'jsonb' })
  fields!: Record<string, unknown>;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
