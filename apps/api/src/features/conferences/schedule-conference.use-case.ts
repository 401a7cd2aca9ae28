import { Inject, Injectable } from '@nestjs/common';
import type { ConferenceView, ScheduleConferenceBody } from '@caseroom/contracts';
import { defaultConfidentialityStatement, invalid, type Actor, type Clock } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { ConferenceNotices } from './conference-notices';
import { Invitees } from './invitees';
import { ReadConference } from './read-conference.use-case';

/** The coordinator (or a chair) schedules a conference and may invite people at once, one by one or by agency. */
@Injectable()
export class ScheduleConference {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly people: PersonRepository,
    private readonly invitees: Invitees,
    private readonly notices: ConferenceNotices,
    private readonly read: ReadConference,
  ) {}

  async execute(actor: Actor, body: ScheduleConferenceBody): Promise<ConferenceView> {
    const chair = await this.people.findById(body.chairId);
    if (!chair?.isActive || !chair.roles.includes('chair'))
      throw invalid('The conference cannot be scheduled as given.', [
        { path: 'body.chairId', message: 'must be an active person with the chair role' },
      ]);
    // A new conference has no agenda yet: nobody is anyone's suspect in it.
    const { ids } = await this.invitees.resolve(
      actor,
      { chairId: body.chairId, coordinatorId: actor.userId },
      { userIds: body.invitedUserIds, agencyIds: body.invitedAgencyIds },
      [],
      { userIds: 'body.invitedUserIds', agencyIds: 'body.invitedAgencyIds' },
    );
    const at = this.clock.now();
    const conference = await this.conferences.create(
      {
        title: body.title,
        scheduledAt: new Date(body.scheduledAt),
        location: body.location,
        chairId: body.chairId,
        coordinatorId: actor.userId,
        confidentialityStatement: body.confidentialityStatement ?? defaultConfidentialityStatement,
        invitedIds: ids,
      },
      at,
    );
    // The chair is told too: they learn of the conference the way everyone else does.
    await this.notices.invited(conference, body.chairId === actor.userId ? ids : [body.chairId, ...ids]);
    return this.read.one(actor, conference.id);
  }
}
