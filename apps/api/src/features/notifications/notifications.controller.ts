import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam } from '../../edge/validation';
import { ReadNotifications } from './read-notifications.use-case';

/** The person's dashboard of notices and reminders; live ones also arrive on the socket as `notification`. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: ReadNotifications) {}

  @Get()
  @RequirePermission('self')
  list(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    return this.notifications.list(actor);
  }

  @Get('unread')
  @RequirePermission('self')
  unread(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return this.notifications.unreadCount(actor);
  }

  /** Marks every notice read at once. */
  @Post('read')
  @HttpCode(204)
  @RequirePermission('self')
  markAllRead(@CurrentActor() actor: Actor): Promise<void> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @RequirePermission('self')
  markRead(@CurrentActor() actor: Actor, @IdParam('notificationId') notificationId: string): Promise<void> {
    return this.notifications.markRead(actor, notificationId);
  }
}
