import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Compartment } from '@caseroom/domain';
import { NoteDocumentEntity } from './note-document.entity';

/** One Yjs update to a note document, logged before it is acknowledged; folded into the snapshot by compaction. */
@Entity({ name: 'note_updates' })
@Index('note_updates_document_idx', ['caseId', 'compartment', 'id'])
export class NoteUpdateEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  compartment!: Compartment;

  @ManyToOne(() => NoteDocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'case_id', referencedColumnName: 'caseId' },
    { name: 'compartment', referencedColumnName: 'compartment' },
  ])
  document?: NoteDocumentEntity;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'bytea' })
  body!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
