import { Injectable } from '@nestjs/common';
import type { NotificationView } from '@caseroom/contracts';
import type { NotificationRecord } from '@caseroom/domain';
import { NotificationRepository, type NewNotification } from '@caseroom/persistence';
import { LivePublisher } from '../../shared/live-publisher';

export const toNotificationView = (notification: NotificationRecord): NotificationView => ({
  id: notification.id,
  kind: notification.kind,
  caseId: notification.caseId,
  subjectId: notification.subjectId,
  message: notification.message,
  dueOn: notification.dueOn,
  createdAt: notification.createdAt.toISOString(),
  readAt: notification.readAt?.toISOString() ?? null,
});

/** Stores notices (once each) and pushes the new ones live to their recipients' sockets. */
@Injectable()
export class Notifier {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly publisher: LivePublisher,
  ) {}

  async raise(notifications: readonly NewNotification[]): Promise<number> {
    const raised = await this.notifications.raise(notifications);
    for (const notification of raised) this.publisher.toPerson(notification.recipientId, toNotificationView(notification));
    return raised.length;
  }
}
