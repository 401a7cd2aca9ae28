import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who first wrote under each Yjs client id of a document's notes: updates under that id from anyone
 * else are refused, so that nobody writes as another participant or overwrites their edits.
 */
@Entity({ name: 'note_writers' })
export class NoteWriterEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'text' })
  compartment!: string;

  @PrimaryColumn({ name: 'client_id', type: 'bigint' })
  clientId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
}
