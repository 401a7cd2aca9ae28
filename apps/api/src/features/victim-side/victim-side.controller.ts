import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  allocateIdvaBody,
  recordContactBody,
  type AllocateIdvaBody,
  type CaseIdvaView,
  type ContactLogView,
  type IdvaAllocationView,
  type IdvaProposalView,
  type RecordContactBody,
  type VictimContactView,
  type VictimStatusView,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { AllocateIdva } from './allocate-idva.use-case';
import { ReadContactLog } from './read-contact-log.use-case';
import { ReadIdva } from './read-idva.use-case';
import { ReadVictimStatus } from './read-victim-status.use-case';
import { RecordContact } from './record-contact.use-case';

/** The victim's side of a case: her IDVA, the contact log, and the status professional standards released for her. */
@ApiTags('victim')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class VictimSideController {
  constructor(
    private readonly readIdva: ReadIdva,
    private readonly allocateIdva: AllocateIdva,
    private readonly readContactLog: ReadContactLog,
    private readonly recordContact: RecordContact,
    private readonly readVictimStatus: ReadVictimStatus,
  ) {}

  @Get('idva')
  @RequirePermission('case.read')
  idva(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CaseIdvaView> {
    return this.readIdva.allocation(actor, caseId);
  }

  @Get('idva/proposal')
  @RequirePermission('case.manage')
  proposal(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<IdvaProposalView> {
    return this.readIdva.proposal(actor, caseId);
  }

  @Post('idva')
  @RequirePermission('case.manage')
  allocate(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(allocateIdvaBody) body: AllocateIdvaBody,
  ): Promise<IdvaAllocationView> {
    return this.allocateIdva.execute(actor, caseId, body);
  }

  @Get('contacts')
  @RequirePermission('case.read')
  contacts(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<ContactLogView> {
    return this.readContactLog.execute(actor, caseId);
  }

  @Post('contacts')
  @RequirePermission('case.read')
  addContact(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(recordContactBody) body: RecordContactBody,
  ): Promise<VictimContactView> {
    return this.recordContact.execute(actor, caseId, body);
  }

  @Get('victim-status')
  @RequirePermission('case.read')
  victimStatus(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<VictimStatusView> {
    return this.readVictimStatus.execute(actor, caseId);
  }
}
