import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Compartment } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** A dated entry in one compartment (an agency's contribution, a note, an update). */
@Entity({ name: 'case_entries' })
@Check('case_entries_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
@Index('case_entries_case_compartment_idx', ['caseId', 'compartment'])
export class CaseEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  compartment!: Compartment;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
