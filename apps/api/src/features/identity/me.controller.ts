import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { selfEnrolmentConfirmBody, type EnrolmentConfirmed, type EnrolmentStart, type Me } from '@caseroom/contracts';
import { notFound, type Actor } from '@caseroom/domain';
import { AgencyRepository, PersonRepository } from '@caseroom/persistence';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { ValidBody } from '../../edge/validation';
import { EnrolSecondFactor } from './enrol-second-factor.use-case';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly enrolSecondFactor: EnrolSecondFactor,
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
}
