import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AccessChannel, ExposureAlertKind, RefusedAttempt } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** An alert of refused attempts to professional standards and the IOPC, one per burst, until acknowledged with what was done. */
@Entity({ name: 'exposure_alerts' })
@Check('exposure_alerts_kind_check', `kind IN ('linked_attempt','unusual_pattern')`)
@Check('exposure_alerts_acknowledgement_check', `(acknowledged_at IS NULL) = (acknowledged_by IS NULL)`)
@Index('exposure_alerts_person_idx', ['personId', 'lastAt'])
@Index('exposure_alerts_case_idx', ['caseId'])
export class ExposureAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: ExposureAlertKind;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: UserEntity;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt!: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt!: Date;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', array: true })
  channels!: AccessChannel[];

  @Column({ name: 'attempt_kinds', type: 'text', array: true })
  attemptKinds!: RefusedAttempt[];

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'acknowledged_by' })
  acknowledger?: UserEntity;

  @Column({ name: 'action_taken', type: 'text', nullable: true })
  actionTaken!: string | null;
}
