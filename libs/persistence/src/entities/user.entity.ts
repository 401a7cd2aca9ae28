import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';
import { UnitEntity } from './unit.entity';

@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
@Check(
  'users_roles_check',
  `cardinality(roles) > 0 AND roles <@ ARRAY['administrator','coordinator','chair','member','idva','psd','observer']::text[]`,
)
@Check('users_not_own_manager_check', `line_manager_id IS NULL OR line_manager_id <> id`)
@Check('users_failed_logins_check', `failed_login_count >= 0`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Stored lower-cased by the contract; unique as stored. */
  @Column({ type: 'text' })
  email!: string;

  @Index('users_agency_id_idx')
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Index('users_unit_id_idx')
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'staff_number', type: 'text', nullable: true })
  staffNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  rank!: string | null;

  @Index('users_line_manager_id_idx')
  @Column({ name: 'line_manager_id', type: 'uuid', nullable: true })
  lineManagerId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_manager_id' })
  lineManager?: UserEntity;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** TOTP secret, sealed with the data key; never stored in the clear. */
  @Column({ name: 'totp_secret_sealed', type: 'text', nullable: true })
  totpSecretSealed!: string | null;

  @Column({ name: 'totp_pending_secret_sealed', type: 'text', nullable: true })
  totpPendingSecretSealed!: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt!: Date | null;

  /** The last TOTP time step accepted: a code from this step or before is refused, so each code works once. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
