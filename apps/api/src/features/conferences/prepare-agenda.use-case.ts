import { Injectable } from '@nestjs/common';
import type { ConferenceView } from '@caseroom/contracts';
import {
  caseStatusAfter,
  conflict,
  DomainError,
  invalid,
  notFound,
  type Actor,
  type AgendaDirection,
  type Conference,
} from '@caseroom/domain';
import { CaseRepository, ConferenceRepository } from '@caseroom/persistence';
import { LiveEvents } from '../../shared/live-events';
import { CaseAccess } from '../cases/case-access';
import { CaseJourney } from '../cases/case-journey';
import { ConferenceAccess, requireScheduled } from './conference-access';
import { ReadConference } from './read-conference.use-case';

/**
 * The organiser builds the agenda: lists cases (only someone who may see a case can list it, and only
 * once triage has accepted it; the case is then listed), takes them off, and orders them; cases with
 * children in the household always come first.
 */
@Injectable()
export class PrepareAgenda {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly cases: CaseRepository,
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly journey: CaseJourney,
    private readonly read: ReadConference,
    private readonly live: LiveEvents,
  ) {}

  async addCase(actor: Actor, conferenceId: string, caseId: string): Promise<ConferenceView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    if (conference.status === 'closed') throw new DomainError('CONFLICT', 'The conference is closed.');
    const { record, subject } = await this.caseAccess.open(actor, caseId);
    // A referral not yet accepted, or a declined or closed case, is refused (409) before anything else.
    caseStatusAfter(record.status, { kind: 'list' });
    const suspectTakesPart = howSuspectTakesPart(conference, subject.suspect.userId);
    if (suspectTakesPart)
      throw invalid('The suspect of a case never takes part in the conference that hears it.', [
        { path: 'body.caseId', message: suspectTakesPart },
      ]);
    if ((await this.conferences.agenda(conferenceId)).some((item) => item.caseId === caseId))
      throw conflict('The case is already on the agenda.');
    await this.journey.take(caseId, { kind: 'list' }, actor.userId);
    // Read by the system to order the agenda (children first); it is not shown to anyone.
    const children = (await this.cases.fields(caseId, 'victim'))?.fields.children;
    await this.conferences.addAgendaItem(conferenceId, caseId, Array.isArray(children) && children.length > 0);
    return this.read.one(actor, conferenceId);
  }

  /** Takes an item off the agenda before the conference opens; anyone in its lobby sees the agenda without it. */
  async removeItem(actor: Actor, conferenceId: string, itemId: string): Promise<ConferenceView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireScheduled(conference, 'The agenda changes');
    if (!(await this.conferences.removeAgendaItem(conferenceId, itemId))) throw notFound('The agenda item');
    await this.live.publish({ kind: 'conference-changed', conferenceId });
    return this.read.one(actor, conferenceId);
  }

  /** Moves an item one place up or down among the cases of its group (with children, or without). */
  async moveItem(actor: Actor, conferenceId: string, itemId: string, direction: AgendaDirection): Promise<ConferenceView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireScheduled(conference, 'The agenda changes');
    if (!(await this.conferences.agenda(conferenceId)).some((item) => item.id === itemId)) throw notFound('The agenda item');
    if (!(await this.conferences.moveAgendaItem(conferenceId, itemId, direction)))
      throw conflict(
        `The item is already ${direction === 'up' ? 'first' : 'last'} in its part of the agenda: cases with children in the household come first.`,
      );
    await this.live.publish({ kind: 'conference-changed', conferenceId });
    return this.read.one(actor, conferenceId);
  }
}

/** How the suspect of a case takes part in the conference, said of the case; null when they do not. */
function howSuspectTakesPart(conference: Conference, suspectId: string | null): string | null {
  if (suspectId === null) return null;
  if (suspectId === conference.chairId) return 'its suspect chairs this conference';
  if (suspectId === conference.coordinatorId) return 'its suspect coordinates this conference';
  return conference.invitedIds.includes(suspectId) ? 'its suspect is invited to this conference: withdraw the invitation first' : null;
}
