import { Inject, Injectable } from '@nestjs/common';
import type { ConferenceView } from '@caseroom/contracts';
import { conflict, type Actor, type Clock } from '@caseroom/domain';
import { ConferenceRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { ConferenceAccess, requireScheduled } from './conference-access';
import { ConferenceNotices } from './conference-notices';
import { ReadConference } from './read-conference.use-case';

/**
 * The organiser circulates the agenda: every invitee (and the other organiser) is told it is ready. The
 * notice names no case; each reader opens the conference, where the agenda shows them only what the
 * policy admits (an item they are stepped out of is "Item 3", without its reference). It may be
 * circulated again after a change.
 */
@Injectable()
export class CirculateAgenda {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly notices: ConferenceNotices,
    private readonly read: ReadConference,
  ) {}

  async execute(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireScheduled(conference, 'The agenda is circulated');
    const agenda = await this.conferences.agenda(conferenceId);
    if (agenda.length === 0) throw conflict('Put a case on the agenda before circulating it.');
    const at = this.clock.now();
    await this.conferences.markAgendaCirculated(conferenceId, at);
    const readers = [conference.chairId, conference.coordinatorId, ...conference.invitedIds].filter((id) => id !== actor.userId);
    await this.notices.circulated(conference, readers, agenda.length);
    return this.read.one(actor, conferenceId);
  }
}
