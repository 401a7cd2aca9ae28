import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam } from '../../edge/validation';
import { ResetSecondFactor } from './reset-second-factor.use-case';
import { RevokeSessions } from './revoke-sessions.use-case';

/** What an administrator can do about someone else's sign-in. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('users/:userId')
export class AccountSecurityController {
  constructor(
    private readonly revokeSessions: RevokeSessions,
    private readonly resetSecondFactor: ResetSecondFactor,
  ) {}

  @Post('sessions/revoke')
  @HttpCode(200)
  @RequirePermission('session.revoke')
  revoke(@CurrentActor() actor: Actor, @IdParam('userId') userId: string): Promise<{ revoked: number }> {
    return this.revokeSessions.ofPerson(actor, userId, 'revoked-by-administrator');
  }

  @Post('second-factor/reset')
  @HttpCode(204)
  @RequirePermission('user.manage')
  async reset(@CurrentActor() actor: Actor, @IdParam('userId') userId: string): Promise<void> {
    await this.resetSecondFactor.execute(actor, userId);
  }
}
