import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Compartment } from '@caseroom/domain';
import { CaseEntity } from './case.entity';

/**
 * The shared notes of one compartment of one case: a garbage-collected Yjs snapshot, plus the updates
 * logged since (note_updates). The epoch changes whenever the stored history is rewritten (text moved to
 * a narrower compartment or redacted); updates from an older epoch are refused.
 */
@Entity({ name: 'note_documents' })
@Check('note_documents_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
export class NoteDocumentEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @PrimaryColumn({ type: 'text' })
  compartment!: Compartment;

  @Column({ type: 'integer', default: 1 })
  epoch!: number;

  @Column({ type: 'bytea', nullable: true })
  snapshot!: Buffer | null;

  /** The last update id folded into the snapshot: a copy that has read less must read the snapshot again. */
  @Column({ name: 'compacted_through', type: 'bigint', default: 0 })
  compactedThrough!: string;

  /**
   * The version of the notes schema the stored document was last checked against (0: stored before the
   * server enforced it). Documents below the current version are checked, and repaired, after migrating.
   */
  @Column({ name: 'checked_against', type: 'integer', default: 1 })
  checkedAgainst!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
