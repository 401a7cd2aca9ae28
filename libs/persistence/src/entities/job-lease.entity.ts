import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who runs a scheduled job now. An instance takes the lease in one statement when it is free or has
 * expired, so a job runs on exactly one instance at a time without holding a connection.
 */
@Entity({ name: 'job_leases' })
export class JobLeaseEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
