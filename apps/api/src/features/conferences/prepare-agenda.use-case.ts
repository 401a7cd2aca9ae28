import { Inject, Injectable } from '@nestjs/common';
import type { ConferenceView } from '@caseroom/contracts';
import { conflict, DomainError, type Actor, type Clock } from '@caseroom/domain';
import { CaseRepository, ConferenceRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { LiveEvents } from '../../shared/live-events';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from './conference-access';
import { ReadConference } from './read-conference.use-case';

/** Lists a case on a conference's agenda; only someone who may see the case can list it. */
@Injectable()
export class PrepareAgenda {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly cases: CaseRepository,
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly read: ReadConference,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly live: LiveEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async addCase(actor: Actor, conferenceId: string, caseId: string): Promise<ConferenceView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    if (conference.status === 'closed') throw new DomainError('CONFLICT', 'The conference is closed.');
    await this.caseAccess.open(actor, caseId);
    if ((await this.conferences.agenda(conferenceId)).some((item) => item.caseId === caseId))
      throw conflict('The case is already on the agenda.');
    // Read by the system to order the agenda (children first); it is not shown to anyone.
    const children = (await this.cases.fields(caseId, 'victim'))?.fields.children;
    await this.conferences.addAgendaItem(conferenceId, caseId, Array.isArray(children) && children.length > 0);
    // The suspect never sits in a conference that hears their case, even if invited with their agency.
    const suspectId = (await this.policyInputs.subject(caseId))?.suspect.userId;
    if (suspectId && conference.invitedIds.includes(suspectId)) {
      await this.conferences.removeParticipant(conferenceId, suspectId, this.clock.now());
      await this.live.publish({ kind: 'conference-changed', conferenceId });
    }
    return this.read.one(actor, conferenceId);
  }
}
