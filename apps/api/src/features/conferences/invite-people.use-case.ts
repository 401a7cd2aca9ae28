import { Inject, Injectable } from '@nestjs/common';
import type { InvitationsView, InviteBody } from '@caseroom/contracts';
import type { Actor, Clock } from '@caseroom/domain';
import { ConferenceRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { ConferenceAccess, requireScheduled } from './conference-access';
import { ConferenceNotices } from './conference-notices';
import { Invitees } from './invitees';

/** The organiser invites more people, one by one or by agency, until the conference opens; each is told. */
@Injectable()
export class InvitePeople {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly invitees: Invitees,
    private readonly notices: ConferenceNotices,
  ) {}

  async execute(actor: Actor, conferenceId: string, body: InviteBody): Promise<InvitationsView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireScheduled(conference, 'Invitations change');
    const agenda = await this.conferences.agenda(conferenceId);
    const { ids, leftOutIds } = await this.invitees.resolve(actor, conference, body, agenda, {
      userIds: 'body.userIds',
      agencyIds: 'body.agencyIds',
    });
    const at = this.clock.now();
    const invitedIds = await this.conferences.invite(conferenceId, ids, at);
    await this.notices.invited(conference, invitedIds);
    return { invitedIds, leftOutIds };
  }
}
