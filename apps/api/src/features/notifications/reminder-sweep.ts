import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addDays, type CaseAction, type Clock } from '@caseroom/domain';
import { ActionRepository, CaseRepository, JobLeaseRepository, type NewNotification, type PolicySnapshot } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { describeError } from '../../edge/error-response';
import { CLOCK } from '../../shared/clock';
import { Notifier } from './notifier';
import { Recipients } from './recipients';
import { ResearchNotices } from './research-notices';
import { dateInWords, RestrictionReminders } from './restriction-reminders';

const job = 'reminders';

/**
 * Raises reminders for restriction reviews, written notices of restrictions and actions that are near or
 * past due, and for research still outstanding a few days before its conference meets. Every instance
 * schedules it; the lease lets exactly one run at a time, and each reminder is raised once however
 * often the sweep runs.
 */
@Injectable()
export class ReminderSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweep.name);
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly leases: JobLeaseRepository,
    private readonly restrictions: RestrictionReminders,
    private readonly actions: ActionRepository,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
    private readonly research: ResearchNotices,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.reminders.intervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      // Logged by name and code only: a database error's message can quote the values it refused.
      this.run().catch((error: unknown) => this.logger.error(describeError(error), 'reminder sweep failed'));
    }, seconds * 1000);
    this.timer.unref();
  }

  /**
   * One sweep, if this instance holds the lease; answers whether it ran and how many reminders it raised.
   * The lease is kept (and renewed by each sweep) rather than released, so the same instance keeps the
   * job; another takes over only when it has stopped renewing for two intervals.
   */
  async run(): Promise<{ ran: boolean; raised: number }> {
    const leaseSeconds = Math.max(60, 2 * this.config.reminders.intervalSeconds);
    if (!(await this.leases.take(job, this.holder, leaseSeconds))) return { ran: false, raised: 0 };
    const today = this.clock.now().toISOString().slice(0, 10);
    const horizon = addDays(today, this.config.reminders.leadDays);
    const [restrictions, actions, research] = await Promise.all([
      this.restrictions.dueBy(today, horizon),
      this.actions.openDueBy(horizon),
      this.research.dueBy(today, horizon),
    ]);
    // Each recipient is decided when the notices are written, at one policy version, not when the sweep began.
    const raised = await this.notifier.raise(async (snapshot) => [
      ...(await restrictions.notices(snapshot)),
      ...(await Promise.all(actions.map((action) => this.actionNotices(snapshot, action, today)))).flat(),
      ...(await research.notices(snapshot)),
    ]);
    this.logger.log(
      {
        restrictions: restrictions.count,
        actions: actions.length,
        research: research.count,
        raised,
      },
      'reminder sweep',
    );
    return { ran: true, raised };
  }

  /** Hands the job over at shutdown, so another instance need not wait for the lease to expire. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.leases.release(job, this.holder).catch(() => undefined);
  }

  /** To the owner, or when none is named, to the owning agency's people who may see the action. */
  private async actionNotices(snapshot: PolicySnapshot, action: CaseAction, today: string): Promise<NewNotification[]> {
    const isOverdue = action.dueOn < today;
    const reference = await this.referenceOf(action.caseId);
    const owners =
      action.ownerUserId && (await this.recipients.admits(snapshot, action.caseId, action.ownerUserId, action.compartment))
        ? [action.ownerUserId]
        : await this.recipients.inAgency(snapshot, action.caseId, action.ownerAgencyId, action.compartment);
    const kind = isOverdue ? 'action_overdue' : 'action_due';
    const message = isOverdue
      ? `An action on ${reference} is overdue (due ${dateInWords(action.dueOn)}).`
      : `An action on ${reference} is due on ${dateInWords(action.dueOn)}.`;
    return owners.map((recipientId) => ({
      recipientId,
      kind,
      caseId: action.caseId,
      subjectId: action.id,
      message,
      dueOn: action.dueOn,
      dedupeKey: `${kind}:${action.id}:${action.dueOn}:${recipientId}`,
    }));
  }

  private async referenceOf(caseId: string): Promise<string> {
    return (await this.cases.referenceOf(caseId)) ?? 'a case';
  }
}
