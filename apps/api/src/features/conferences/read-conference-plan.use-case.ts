import { Injectable } from '@nestjs/common';
import type { CandidateView, ChairView, ConferencePlanView, PlannedItemView, SteppedOutPreview } from '@caseroom/contracts';
import type { Actor, AgendaItem, CaseSubject, Person, ViewerProfile } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide, decideCase } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from './conference-access';
import { ReadConference } from './read-conference.use-case';

interface PreviewedItem {
  readonly item: AgendaItem;
  readonly position: number;
  readonly subject: CaseSubject;
}

/** Those an invitation can reach: active, and holding a role that takes part in conferences. */
const mayTakePart = (person: Person) => person.isActive && person.roles.some((role) => role !== 'administrator');

/**
 * What the organiser prepares a conference from: its agenda, and everyone who could be invited, each
 * with the agenda items the policy would step them out of and its reason. Every one of those is
 * `decide()`'s own answer, asked at one policy version; only items the organiser may see themself are
 * previewed, so the preview tells them nothing the agenda does not.
 */
@Injectable()
export class ReadConferencePlan {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly read: ReadConference,
  ) {}

  async chairs(): Promise<ChairView[]> {
    return (await this.people.listAll())
      .filter((person) => person.isActive && person.roles.includes('chair'))
      .map(({ id, name, agencyId }) => ({ id, name, agencyId }));
  }

  async execute(actor: Actor, conferenceId: string): Promise<ConferencePlanView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    const [view, agenda, everyone, snapshot] = await Promise.all([
      this.read.one(actor, conferenceId),
      this.conferences.agenda(conferenceId),
      this.people.listAll(),
      this.policyInputs.snapshot(),
    ]);
    const today = this.caseAccess.today();
    const candidates = everyone.filter(
      (person) => mayTakePart(person) && person.id !== conference.chairId && person.id !== conference.coordinatorId,
    );
    const [organiser, profiles, subjects] = await Promise.all([
      snapshot.viewer(actor.userId),
      snapshot.viewers(candidates.map((person) => person.id)),
      Promise.all(agenda.map((item) => snapshot.subject(item.caseId))),
    ]);
    const previewed: PreviewedItem[] = agenda.flatMap((item, index) => {
      const subject = subjects[index];
      return subject && organiser && decideCase(organiser, subject, { today }).admitted ? [{ item, position: index + 1, subject }] : [];
    });
    const indexOf = new Map(agenda.map((item, index) => [item.id, index]));
    const planned: PlannedItemView[] = view.agenda.map((item) => {
      const index = indexOf.get(item.itemId) ?? -1;
      const subject = subjects[index];
      const readsVictim = !!subject && !!organiser && decide(organiser, subject, 'victim', { today }).admitted;
      return { ...item, hasChildren: readsVictim ? agenda[index].hasChildren : null };
    });
    const chair = everyone.find((person) => person.id === conference.chairId);
    return {
      conference: view,
      chair: chair ? { id: chair.id, name: chair.name, agencyId: chair.agencyId } : null,
      agenda: planned,
      candidates: candidates.map((person) => toCandidate(person, profiles.get(person.id), previewed, conference.invitedIds, today)),
    };
  }
}

function toCandidate(
  person: Person,
  profile: ViewerProfile | undefined,
  previewed: readonly PreviewedItem[],
  invitedIds: readonly string[],
  today: string,
): CandidateView {
  const steppedOutOf: SteppedOutPreview[] = profile
    ? previewed.flatMap(({ item, position, subject }) => {
        const decision = decideCase(profile, subject, { today });
        return decision.admitted ? [] : [{ itemId: item.id, position, reference: item.reference, reason: decision.reason }];
      })
    : [];
  return {
    userId: person.id,
    name: person.name,
    agencyId: person.agencyId,
    roles: person.roles,
    isInvited: invitedIds.includes(person.id),
    isSuspect: previewed.some(({ subject }) => subject.suspect.userId === person.id),
    steppedOutOf,
  };
}
