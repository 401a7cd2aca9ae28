import { Injectable } from '@nestjs/common';
import type { MinutesCopy, NotificationKind } from '@caseroom/domain';
import type { NewNotification } from '@caseroom/persistence';
import { Notifier } from '../notifications/notifier';

/**
 * The notices of minutes: a copy issued, a copy withdrawn, minutes corrected. They name the conference
 * and the copy's number, never a case or anything said about one, and carry no case id.
 */
@Injectable()
export class MinutesNotices {
  constructor(private readonly notifier: Notifier) {}

  async issued(title: string, version: number, copies: readonly Pick<MinutesCopy, 'id' | 'recipientId' | 'number'>[]): Promise<void> {
    await this.raise(
      'minutes_issued',
      copies.map((copy) => ({
        recipientId: copy.recipientId,
        subjectId: copy.id,
        message: `Your copy of the minutes of ${title} (version ${version}, copy ${copy.number}) is ready in My minutes.`,
      })),
    );
  }

  async withdrawn(title: string, copy: Pick<MinutesCopy, 'id' | 'recipientId' | 'number'>): Promise<void> {
    await this.raise('minutes_withdrawn', [
      {
        recipientId: copy.recipientId,
        subjectId: copy.id,
        message: `Copy ${copy.number} of the minutes of ${title} was withdrawn: it can no longer be opened. Delete any copy you saved.`,
      },
    ]);
  }

  async corrected(title: string, version: number, minutesId: string, recipientIds: readonly string[]): Promise<void> {
    await this.raise(
      'minutes_corrected',
      [...new Set(recipientIds)].map((recipientId) => ({
        recipientId,
        subjectId: minutesId,
        message: `The minutes of ${title} were corrected: version ${version} replaces the copy you hold. Your new copy follows.`,
      })),
    );
  }

  private async raise(kind: NotificationKind, notices: readonly { recipientId: string; subjectId: string; message: string }[]) {
    const raised: NewNotification[] = notices.map((notice) => ({
      ...notice,
      kind,
      caseId: null,
      dueOn: null,
      dedupeKey: `${kind}:${notice.subjectId}:${notice.recipientId}`,
    }));
    if (raised.length > 0) await this.notifier.raise(() => Promise.resolve(raised));
  }
}
