import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  selfEnrolmentConfirmBody,
  stepUpBody,
  type EnrolmentConfirmed,
  type EnrolmentStart,
  type Me,
  type SsoLink,
  type SsoStart,
  type StepUpBody,
} from '@caseroom/contracts';
import { notFound, type Actor } from '@caseroom/domain';
import { AgencyRepository, ExternalIdentityRepository, PersonRepository } from '@caseroom/persistence';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission, RequiresStepUp } from '../../edge/route-access';
import { ValidBody } from '../../edge/validation';
import { EnrolSecondFactor } from './enrol-second-factor.use-case';
import { OidcClient } from './oidc-client';
import { ProviderIdParam } from './sso.controller';
import { StartSso } from './start-sso.use-case';
import { StepUp } from './step-up.use-case';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly enrolSecondFactor: EnrolSecondFactor,
    private readonly stepUp: StepUp,
    private readonly startSso: StartSso,
    private readonly links: ExternalIdentityRepository,
    private readonly oidc: OidcClient,
  ) {}

  @Get()
  @RequirePermission('self')
  async me(@CurrentActor() actor: Actor): Promise<Me> {
    const person = await this.people.findById(actor.userId);
    if (!person) throw notFound('The person');
    const { id, name, email, agencyId, roles, hasSecondFactor } = person;
    const agency = await this.agencies.findById(agencyId);
    return { id, name, email, agencyId, agencyKind: agency?.kind ?? 'other', roles, hasSecondFactor, sessionId: actor.sessionId };
  }

  @Post('second-factor/enrolment')
  @HttpCode(200)
  @RequirePermission('self')
  startEnrolment(@CurrentActor() actor: Actor): Promise<EnrolmentStart> {
    return this.enrolSecondFactor.start(actor.userId);
  }

  @Post('second-factor/enrolment/confirm')
  @HttpCode(200)
  @RequirePermission('self')
  confirmEnrolment(@CurrentActor() actor: Actor, @ValidBody(selfEnrolmentConfirmBody) body: { code: string }): Promise<EnrolmentConfirmed> {
    return this.enrolSecondFactor.confirm(actor.userId, body.code, false);
  }

  /** Proves the second factor again with a code from the authenticator, for the acts that ask for it fresh. */
  @Post('step-up')
  @HttpCode(204)
  @RequirePermission('self')
  async stepUpWithCode(@CurrentActor() actor: Actor, @ValidBody(stepUpBody) body: StepUpBody): Promise<void> {
    await this.stepUp.withCode(actor, body.code);
  }

  /** The organisational accounts linked to this Caseroom account. */
  @Get('sso')
  @RequirePermission('self')
  async ssoLinks(@CurrentActor() actor: Actor): Promise<SsoLink[]> {
    const links = await this.links.listForUser(actor.userId);
    return links.map(({ providerId, linkedAt }) => ({
      providerId,
      label: this.oidc.providers.find((provider) => provider.id === providerId)?.label ?? providerId,
      linkedAt: linkedAt.toISOString(),
    }));
  }

  /** Starts linking an organisational account: only with a second factor proven recently, so a stolen token cannot link one. */
  @Post('sso/:providerId/link')
  @HttpCode(200)
  @RequirePermission('self')
  @RequiresStepUp()
  async linkSso(
    @CurrentActor() actor: Actor,
    @ProviderIdParam() providerId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SsoStart> {
    const { authorizationUrl, cookie } = await this.startSso.link(actor, providerId);
    response.setHeader('Set-Cookie', cookie);
    return { authorizationUrl };
  }

  /** Starts proving the second factor again at the linked provider. */
  @Post('sso/:providerId/step-up')
  @HttpCode(200)
  @RequirePermission('self')
  async stepUpWithSso(
    @CurrentActor() actor: Actor,
    @ProviderIdParam() providerId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SsoStart> {
    const { authorizationUrl, cookie } = await this.startSso.stepUp(actor, providerId);
    response.setHeader('Set-Cookie', cookie);
    return { authorizationUrl };
  }
}
