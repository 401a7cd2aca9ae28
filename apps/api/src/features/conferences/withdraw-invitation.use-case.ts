import { Inject, Injectable } from '@nestjs/common';
import { invalid, notFound, type Actor, type Clock } from '@caseroom/domain';
import { ConferenceRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { LiveEvents } from '../../shared/live-events';
import { ConferenceAccess, requireScheduled } from './conference-access';
import { ConferenceNotices } from './conference-notices';

/**
 * The organiser withdraws an invitation before the conference opens (once it is open, the chair removes
 * people in the live room). The person is told, and a lobby they have open loses the conference at once.
 */
@Injectable()
export class WithdrawInvitation {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly live: LiveEvents,
    private readonly notices: ConferenceNotices,
  ) {}

  async execute(actor: Actor, conferenceId: string, userId: string): Promise<void> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireScheduled(conference, 'Invitations change');
    if (userId === conference.chairId || userId === conference.coordinatorId)
      throw invalid('The chair and the coordinator take part in their conference.', [
        { path: 'params.userId', message: 'organises this conference' },
      ]);
    const at = this.clock.now();
    if (!(await this.conferences.removeParticipant(conferenceId, userId, at))) throw notFound('The invitation');
    await this.live.publish({ kind: 'conference-changed', conferenceId, removed: [userId] });
    await this.notices.withdrawn(conference, userId);
  }
}
