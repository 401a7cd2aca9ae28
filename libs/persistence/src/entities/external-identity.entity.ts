import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * An organisational account (an OpenID Connect issuer and its subject) linked to a Caseroom account.
 * Single sign-on finds a person only through this link, never by e-mail address (decision 0029).
 */
@Entity({ name: 'external_identities' })
@Unique('external_identities_issuer_subject_key', ['issuer', 'subject'])
@Unique('external_identities_user_issuer_key', ['userId', 'issuer'])
export class ExternalIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The configured provider it was linked through (its id in OIDC_PROVIDERS), for the account screen. */
  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @CreateDateColumn({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;
}
