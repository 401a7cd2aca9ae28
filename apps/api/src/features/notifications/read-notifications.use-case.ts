import { Inject, Injectable } from '@nestjs/common';
import type { NotificationView } from '@caseroom/contracts';
import { notFound, type Actor, type Clock, type NotificationRecord } from '@caseroom/domain';
import { NotificationRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { toNotificationView } from './notifier';
import { Recipients } from './recipients';

/**
 * A person's notices, each decided against the policy as it is answered: a notice names a case by its
 * reference, so one about a case the person has since been stepped out of is not listed, not counted
 * and cannot be marked read (it does not exist for them).
 */
@Injectable()
export class ReadNotifications {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly recipients: Recipients,
  ) {}

  async list(actor: Actor): Promise<NotificationView[]> {
    return (await this.visible(actor, await this.notifications.forRecipient(actor.userId))).map(toNotificationView);
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: (await this.visible(actor, await this.notifications.unreadFor(actor.userId))).length };
  }

  async markRead(actor: Actor, notificationId: string): Promise<void> {
    const notice = await this.notifications.findForRecipient(notificationId, actor.userId);
    const [visible] = notice ? await this.visible(actor, [notice]) : [];
    if (!visible || !(await this.notifications.markRead(notificationId, actor.userId, this.clock.now())))
      throw notFound('The notification');
  }

  /**
   * Marks read every unread notice the person may see now; one about a case they have since been
   * stepped out of stays as it was, hidden and unread, like everywhere else.
   */
  async markAllRead(actor: Actor): Promise<void> {
    const visible = await this.visible(actor, await this.notifications.unreadFor(actor.userId));
    await this.notifications.markManyRead(
      visible.map((notice) => notice.id),
      actor.userId,
      this.clock.now(),
    );
  }

  private async visible(actor: Actor, notices: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
    const snapshot = await this.policyInputs.snapshot();
    const known = await this.recipients.casesKnownTo(
      snapshot,
      actor.userId,
      notices.flatMap((notice) => (notice.caseId ? [notice.caseId] : [])),
    );
    return notices.filter((notice) => notice.caseId === null || known.has(notice.caseId));
  }
}
