import { Injectable } from '@nestjs/common';
import type { ResearchAgencyView } from '@caseroom/contracts';
import { conflict, DomainError, type Actor } from '@caseroom/domain';
import { ResearchRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { researchNotFound } from './read-research.use-case';
import { ResearchAnnouncements } from './research-announcements';
import { ResearchScope } from './research-scope';
import { toAgencyView } from './research-views';

/** The coordinator reminds one agency whose research on one case is outstanding. */
@Injectable()
export class RemindResearch {
  constructor(
    private readonly research: ResearchRepository,
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly scope: ResearchScope,
    private readonly announcements: ResearchAnnouncements,
  ) {}

  async execute(actor: Actor, conferenceId: string, requestId: string): Promise<ResearchAgencyView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    const request = await this.research.findById(requestId);
    if (!request || request.conferenceId !== conferenceId) throw researchNotFound();
    // An organiser stepped out of the case finds no request on it.
    await this.caseAccess.open(actor, request.caseId).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? researchNotFound() : error;
    });
    if (conference.status === 'closed') throw conflict('The conference is closed.');
    if (request.returnedAt !== null) throw conflict('This agency has returned its research already.');
    await this.announcements.reminded(conference, [request], this.caseAccess.today());
    const [names, reminded] = await Promise.all([this.scope.names(), this.research.lastRemindedAt([request.id])]);
    return toAgencyView(request, names.get(request.agencyId) ?? '', reminded.get(request.id) ?? null);
  }
}
