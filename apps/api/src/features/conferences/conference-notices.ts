import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Conference, NotificationKind } from '@caseroom/domain';
import type { NewNotification } from '@caseroom/persistence';
import { Notifier } from '../notifications/notifier';

/** MARACs sit in England and Wales: a notice gives the meeting's time as it is there. */
const meetingTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });

const describe = (conference: Conference) => `${conference.title} on ${meetingTime.format(conference.scheduledAt)}`;

/**
 * The notices of preparing a conference: invitations, withdrawn invitations and the circulated agenda.
 * They name the conference (its title, when and where) and never a case, so they carry no case id and
 * every invitee may read them whatever the policy keeps from them; the agenda itself is read in the
 * conference, where each item is decided for its reader.
 */
@Injectable()
export class ConferenceNotices {
  constructor(private readonly notifier: Notifier) {}

  async invited(conference: Conference, userIds: readonly string[]): Promise<void> {
    const place = conference.location ? `, ${conference.location}` : '';
    await this.raise(conference, 'invitation', userIds, `You are invited to ${describe(conference)}${place}.`);
  }

  async withdrawn(conference: Conference, userId: string): Promise<void> {
    await this.raise(conference, 'invitation_withdrawn', [userId], `Your invitation to ${describe(conference)} was withdrawn.`);
  }

  async circulated(conference: Conference, recipientIds: readonly string[], itemCount: number): Promise<void> {
    const items = itemCount === 1 ? '1 item' : `${itemCount} items`;
    await this.raise(conference, 'agenda_circulated', recipientIds, `The agenda for ${describe(conference)} was circulated: ${items}.`);
  }

  private async raise(conference: Conference, kind: NotificationKind, recipientIds: readonly string[], message: string) {
    // Each event is told once to each person: its callers raise it only for what they have just changed.
    const event = randomUUID();
    const notices: NewNotification[] = [...new Set(recipientIds)].map((recipientId) => ({
      recipientId,
      kind,
      caseId: null,
      subjectId: conference.id,
      message,
      dueOn: null,
      dedupeKey: `${kind}:${conference.id}:${recipientId}:${event}`,
    }));
    if (notices.length > 0) await this.notifier.raise(() => Promise.resolve(notices));
  }
}
