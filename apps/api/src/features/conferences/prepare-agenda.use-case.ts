import { Injectable } from '@nestjs/common';
import type { ConferenceView } from '@caseroom/contracts';
import { conflict, DomainError, type Actor } from '@caseroom/domain';
import { CaseRepository, ConferenceRepository } from '@caseroom/persistence';
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
    return this.read.one(actor, conferenceId);
  }
}
