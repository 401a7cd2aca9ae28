import { Injectable } from '@nestjs/common';
import type { ConferenceView, ScheduleConferenceBody } from '@caseroom/contracts';
import { defaultConfidentialityStatement, invalid, type Actor, type ErrorDetail } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository } from '@caseroom/persistence';
import { ReadConference } from './read-conference.use-case';

/** The coordinator (or a chair) schedules a conference and invites people, one by one or by agency. */
@Injectable()
export class ScheduleConference {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly people: PersonRepository,
    private readonly read: ReadConference,
  ) {}

  async execute(actor: Actor, body: ScheduleConferenceBody): Promise<ConferenceView> {
    const everyone = await this.people.listAll();
    const active = new Map(everyone.filter((person) => person.isActive).map((person) => [person.id, person]));
    const problems: ErrorDetail[] = [];
    if (!active.get(body.chairId)?.roles.includes('chair'))
      problems.push({ path: 'body.chairId', message: 'must be an active person with the chair role' });
    body.invitedUserIds.forEach((id, index) => {
      if (!active.has(id)) problems.push({ path: `body.invitedUserIds.${index}`, message: 'no such active person' });
    });
    if (problems.length > 0) throw invalid('The conference cannot be scheduled as given.', problems);

    const byAgency = [...active.values()]
      .filter((person) => body.invitedAgencyIds.includes(person.agencyId) && person.roles.some((role) => role !== 'administrator'))
      .map((person) => person.id);
    const invitedIds = [...new Set([...body.invitedUserIds, ...byAgency])].filter((id) => id !== body.chairId && id !== actor.userId);
    const conference = await this.conferences.create({
      title: body.title,
      scheduledAt: new Date(body.scheduledAt),
      location: body.location,
      chairId: body.chairId,
      coordinatorId: actor.userId,
      confidentialityStatement: body.confidentialityStatement ?? defaultConfidentialityStatement,
      invitedIds,
    });
    return this.read.one(actor, conference.id);
  }
}
