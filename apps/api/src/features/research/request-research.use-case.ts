import { Inject, Injectable } from '@nestjs/common';
import type { RequestResearchResult } from '@caseroom/contracts';
import { conflict, type Actor, type Clock } from '@caseroom/domain';
import { ResearchRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { ConferenceAccess } from '../conferences/conference-access';
import { ReadResearch } from './read-research.use-case';
import { ResearchAnnouncements } from './research-announcements';
import { ResearchScope } from './research-scope';

/**
 * The coordinator asks, in one action, every invited agency to research every case of the agenda:
 * the requests that do not exist yet are created, and the people of each agency invited and admitted
 * to the case are told (by the conference and the case's reference only). Asking again asks only what
 * was added since: cases newly on the agenda, agencies newly invited.
 */
@Injectable()
export class RequestResearch {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: ConferenceAccess,
    private readonly scope: ResearchScope,
    private readonly research: ResearchRepository,
    private readonly announcements: ResearchAnnouncements,
    private readonly read: ReadResearch,
  ) {}

  async execute(actor: Actor, conferenceId: string): Promise<RequestResearchResult> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    if (conference.status === 'closed') throw conflict('The conference is closed.');
    const wanted = await this.scope.wanted(actor, conference);
    const created = await this.research.requestMissing(conferenceId, wanted, actor.userId, this.clock.now());
    await this.announcements.requested(conference, created);
    return { created: created.length, tracker: await this.read.tracker(actor, conferenceId) };
  }
}
