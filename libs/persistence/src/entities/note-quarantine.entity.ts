import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A stored notes document that the editor's schema refused when it was checked (stored before the
 * schema was enforced on the server), kept exactly as it was stored, beside the repaired copy that
 * replaced it. `reason` names what was left out by position only, never by its text.
 */
@Entity({ name: 'note_quarantine' })
export class NoteQuarantineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  compartment!: string;

  /** The epoch the stored document had; the repaired copy has the next one. */
  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'bytea', nullable: true })
  snapshot!: Buffer | null;

  @Column({ type: 'bytea', array: true })
  updates!: Buffer[];

  @CreateDateColumn({ name: 'quarantined_at', type: 'timestamptz' })
  quarantinedAt!: Date;
}
