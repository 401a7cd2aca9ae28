import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  enrolmentConfirmBody,
  enrolmentStartBody,
  loginBody,
  refreshBody,
  secondFactorBody,
  type EnrolmentConfirmed,
  type EnrolmentStart,
  type LoginBody,
  type LoginResult,
  type RefreshBody,
  type SecondFactorBody,
  type TokenPair,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { Public, RequirePermission } from '../../edge/route-access';
import { ValidBody } from '../../edge/validation';
import { EnrolSecondFactor } from './enrol-second-factor.use-case';
import { RefreshSession } from './refresh-session.use-case';
import { RevokeSessions } from './revoke-sessions.use-case';
import { SignIn } from './sign-in.use-case';
import { TokenService } from './token.service';
import { VerifySecondFactor } from './verify-second-factor.use-case';

@ApiTags('identity')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly signIn: SignIn,
    private readonly verifySecondFactor: VerifySecondFactor,
    private readonly enrolSecondFactor: EnrolSecondFactor,
    private readonly refreshSession: RefreshSession,
    private readonly revokeSessions: RevokeSessions,
    private readonly tokens: TokenService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  login(@ValidBody(loginBody) body: LoginBody): Promise<LoginResult> {
    return this.signIn.execute(body);
  }

  @Post('second-factor')
  @HttpCode(200)
  @Public()
  secondFactor(@ValidBody(secondFactorBody) body: SecondFactorBody): Promise<LoginResult> {
    return this.verifySecondFactor.execute(body);
  }

  @Post('second-factor/enrolment')
  @HttpCode(200)
  @Public()
  startEnrolment(@ValidBody(enrolmentStartBody) body: { challengeToken: string }): Promise<EnrolmentStart> {
    return this.enrolSecondFactor.start(this.tokens.verifyChallenge(body.challengeToken, 'enrol'));
  }

  @Post('second-factor/enrolment/confirm')
  @HttpCode(200)
  @Public()
  confirmEnrolment(@ValidBody(enrolmentConfirmBody) body: { challengeToken: string; code: string }): Promise<EnrolmentConfirmed> {
    return this.enrolSecondFactor.confirm(this.tokens.verifyChallenge(body.challengeToken, 'enrol'), body.code, true);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@ValidBody(refreshBody) body: RefreshBody): Promise<TokenPair> {
    return this.refreshSession.execute(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission('self')
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.revokeSessions.current(actor);
  }
}
