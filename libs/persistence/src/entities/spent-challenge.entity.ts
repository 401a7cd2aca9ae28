import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A second-factor challenge that has completed a sign-in, kept until it would have expired, so that it
 * completes no other.
 */
@Entity({ name: 'spent_challenges' })
export class SpentChallengeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
