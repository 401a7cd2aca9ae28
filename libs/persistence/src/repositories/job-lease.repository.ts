import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class JobLeaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the job's lease for `seconds` when nobody holds it or it has expired (or this holder already
   * has it), in one statement: of instances asking at once, exactly one gets it.
   */
  async take(name: string, holder: string, seconds: number): Promise<boolean> {
    const rows = await this.dataSource.query<{ holder: string }[]>(
      `INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE job_leases.expires_at < clock_timestamp() OR job_leases.holder = EXCLUDED.holder
       RETURNING holder`,
      [name, holder, seconds],
    );
    return rows.length === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_leases SET expires_at = clock_timestamp() WHERE name = $1 AND holder = $2`, [name, holder]);
  }
}
