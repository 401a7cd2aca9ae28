import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { retentionKinds, type Clock, type RetentionKind } from '@caseroom/domain';
import { JobLeaseRepository, RetentionRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { describeError } from '../../edge/error-response';
import { CLOCK } from '../../shared/clock';

const job = 'retention';

/**
 * Erases each kind of a closed case's records once its period after closure has passed, unless the case
 * is under a legal hold. Every instance schedules it; the lease (as for reminders, decision 0011) lets
 * exactly one run at a time, and a kind once erased is recorded, so a second run erases nothing twice.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweep.name);
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly leases: JobLeaseRepository,
    private readonly retention: RetentionRepository,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.retention.intervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      // Logged by name and code only: a database error's message can quote the values it refused.
      this.run().catch((error: unknown) => this.logger.error(describeError(error), 'retention sweep failed'));
    }, seconds * 1000);
    this.timer.unref();
  }

  /** One sweep, if this instance holds the lease; answers how many (case, kind) erasures it made. */
  async run(): Promise<{ ran: boolean; erased: number }> {
    const leaseSeconds = Math.max(60, 2 * this.config.retention.intervalSeconds);
    if (!(await this.leases.take(job, this.holder, leaseSeconds))) return { ran: false, erased: 0 };
    const now = this.clock.now();
    let erased = 0;
    for (const kind of retentionKinds) erased += await this.eraseDue(kind, now);
    this.logger.log({ erased }, 'retention sweep');
    return { ran: true, erased };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.leases.release(job, this.holder).catch(() => undefined);
  }

  /** One case at a time, each in its own transaction: a failure on one case leaves the others to go ahead. */
  private async eraseDue(kind: RetentionKind, now: Date): Promise<number> {
    const days = this.config.retention.periods[kind];
    const due = await this.retention.dueForErasure(kind, days, now.toISOString().slice(0, 10));
    let erased = 0;
    for (const caseId of due) {
      try {
        if (await this.retention.erase(caseId, kind, days, now)) erased += 1;
      } catch (error) {
        // A hold set or a case reopened since the list was read: the database refused; the next sweep asks again.
        this.logger.warn({ caseId, kind, error: describeError(error) }, 'erasure refused');
      }
    }
    return erased;
  }
}
