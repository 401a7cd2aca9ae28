import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationView } from '@caseroom/contracts';
import { notFound, type Actor, type Clock } from '@caseroom/domain';
import { NotificationRepository } from '@caseroom/persistence';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam } from '../../edge/validation';
import { CLOCK } from '../../shared/clock';
import { toNotificationView } from './notifier';

/** The person's dashboard of notices and reminders; live ones also arrive on the socket as `notification`. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationRepository,
  ) {}

  @Get()
  @RequirePermission('self')
  async list(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    return (await this.notifications.forRecipient(actor.userId)).map(toNotificationView);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @RequirePermission('self')
  async markRead(@CurrentActor() actor: Actor, @IdParam('notificationId') notificationId: string): Promise<void> {
    if (!(await this.notifications.markRead(notificationId, actor.userId, this.clock.now()))) throw notFound('The notification');
  }
}
