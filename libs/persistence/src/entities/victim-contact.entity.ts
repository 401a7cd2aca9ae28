import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactMethod } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** One contact between the IDVA and the victim, in the victim compartment. Append-only, as a contact log is kept. */
@Entity({ name: 'victim_contacts' })
@Check('victim_contacts_method_check', `method IN ('phone','text_message','email','in_person','video_call','letter','other')`)
@Index('victim_contacts_case_idx', ['caseId', 'contactedOn'])
export class VictimContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'contacted_on', type: 'date' })
  contactedOn!: string;

  @Column({ type: 'text' })
  method!: ContactMethod;

  @Column({ name: 'safe_contact', type: 'text', nullable: true })
  safeContact!: string | null;

  @Column({ type: 'text' })
  said!: string;

  @Column({ type: 'text', nullable: true })
  agreed!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: UserEntity;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
