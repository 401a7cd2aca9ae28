import { Inject, Injectable } from '@nestjs/common';
import { DomainError, invalid, notFound, type Actor, type Clock } from '@caseroom/domain';
import { ConferenceRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { LiveEvents } from '../../shared/live-events';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseJourney } from '../cases/case-journey';
import { ConferenceAccess } from './conference-access';
import { ConferenceNotices } from './conference-notices';

/**
 * The chair's intentions during a conference. Each change is announced to the live channel and has
 * taken effect on every instance (rooms joined and left) before it returns.
 */
@Injectable()
export class RunConference {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly live: LiveEvents,
    private readonly publisher: LivePublisher,
    private readonly notices: ConferenceNotices,
    private readonly journey: CaseJourney,
  ) {}

  async open(actor: Actor, conferenceId: string): Promise<void> {
    const conference = await this.access.forChair(actor, conferenceId);
    if (conference.status !== 'scheduled') throw new DomainError('CONFLICT', `The conference is already ${conference.status}.`);
    await this.conferences.setStatus(conferenceId, 'open', this.clock.now());
    await this.live.publish({ kind: 'conference-changed', conferenceId });
    // The meeting starts with the actions still open from earlier ones: each member asks for their own view.
    this.publisher.toConference(conferenceId, 'conference.opened', { conferenceId });
  }

  async close(actor: Actor, conferenceId: string): Promise<void> {
    const conference = await this.access.forChair(actor, conferenceId);
    if (conference.status !== 'open') throw new DomainError('CONFLICT', 'Only an open conference can be closed.');
    await this.conferences.setStatus(conferenceId, 'closed', this.clock.now());
    await this.live.publish({ kind: 'conference-changed', conferenceId });
    // The meeting is over: every case it listed has been heard.
    await this.journey.itemsEnded(
      (await this.conferences.agenda(conferenceId)).map((item) => item.caseId),
      actor.userId,
    );
  }

  async moveTo(actor: Actor, conferenceId: string, itemId: string): Promise<void> {
    const conference = await this.access.forChair(actor, conferenceId);
    if (conference.status !== 'open') throw new DomainError('CONFLICT', 'Open the conference before moving through the agenda.');
    const agenda = await this.conferences.agenda(conferenceId);
    if (!agenda.some((item) => item.id === itemId)) throw notFound('The agenda item');
    await this.conferences.setCurrentItem(conferenceId, itemId, this.clock.now());
    await this.live.publish({ kind: 'conference-changed', conferenceId });
    // The chair moved past the item that was current: its case has been heard.
    const ended = agenda.find((item) => item.id === conference.currentItemId && item.id !== itemId);
    if (ended) await this.journey.itemsEnded([ended.caseId], actor.userId);
  }

  async removeParticipant(actor: Actor, conferenceId: string, userId: string): Promise<void> {
    const conference = await this.access.forChair(actor, conferenceId);
    if (userId === conference.chairId) throw invalid('The chair cannot remove themself.', [{ path: 'userId', message: 'is the chair' }]);
    if (!conference.invitedIds.includes(userId)) throw notFound('The participant');
    const at = this.clock.now();
    if (!(await this.conferences.removeParticipant(conferenceId, userId, at))) throw notFound('The participant');
    await this.live.publish({ kind: 'conference-changed', conferenceId, removed: [userId] });
    await this.notices.withdrawn(conference, userId);
  }

  async acknowledge(actor: Actor, conferenceId: string): Promise<void> {
    await this.access.forParticipant(actor, conferenceId);
    await this.conferences.acknowledge(conferenceId, actor.userId, this.clock.now());
  }

  async apologise(actor: Actor, conferenceId: string, note: string): Promise<void> {
    await this.access.forParticipant(actor, conferenceId);
    await this.conferences.recordApologies(conferenceId, actor.userId, note);
  }

  /**
   * The chair or coordinator records the apologies someone gave them (by phone, say) on the register:
   * only for a person invited to this conference, and replacing any they sent themself.
   */
  async apologiseFor(actor: Actor, conferenceId: string, userId: string, note: string): Promise<void> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    if (!conference.invitedIds.includes(userId)) throw notFound('The invitee');
    await this.conferences.recordApologies(conferenceId, userId, note);
  }
}
