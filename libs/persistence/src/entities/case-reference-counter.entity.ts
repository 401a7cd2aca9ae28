import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last case number issued in each year, for neutral references (CR-2026-0042). */
@Entity({ name: 'case_reference_counters' })
export class CaseReferenceCounterEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;
}
