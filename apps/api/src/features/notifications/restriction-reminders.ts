import { Inject, Injectable } from '@nestjs/common';
import { clocksOf, WorkingDays, type NotificationKind, type Restriction } from '@caseroom/domain';
import { CaseRepository, RestrictionRepository, type NewNotification, type PolicySnapshot } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Recipients } from './recipients';

type NoticesAtVersion = (snapshot: PolicySnapshot) => Promise<NewNotification[]>;

/** 18 December 2026: a notice's date as people in England and Wales write one. */
export const dateInWords = (isoDate: string) =>
  new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What each restriction clock's notice says, by the neutral reference only. */
const clockNotices = {
  review: {
    due: 'review_due',
    overdue: 'review_overdue',
    text: (reference: string, dueOn: string, isOverdue: boolean) =>
      isOverdue
        ? `The review of a duty restriction on ${reference} is overdue (due ${dateInWords(dueOn)}).`
        : `The review of a duty restriction on ${reference} is due on ${dateInWords(dueOn)}.`,
  },
  written_notice: {
    due: 'written_notice_due',
    overdue: 'written_notice_overdue',
    text: (reference: string, dueOn: string, isOverdue: boolean) =>
      isOverdue
        ? `The written notice of a duty restriction on ${reference} is overdue (due ${dateInWords(dueOn)}).`
        : `The written notice of a duty restriction on ${reference} is due by ${dateInWords(dueOn)}.`,
  },
  decision: {
    due: 'restriction_decision_due',
    overdue: 'restriction_decision_overdue',
    text: (reference: string, dueOn: string, isOverdue: boolean) =>
      isOverdue
        ? `The decision on a requested suspension on ${reference} is overdue (due ${dateInWords(dueOn)}).`
        : `The decision on a requested suspension on ${reference} is due by ${dateInWords(dueOn)}.`,
  },
} as const satisfies Record<string, { due: NotificationKind; overdue: NotificationKind; text: unknown }>;

/**
 * Reminders of the restriction clocks near or past due, to the force's professional standards: the next
 * review, the written notice after telling the officer orally, and regulation 11B's decision on a
 * suspension request.
 */
@Injectable()
export class RestrictionReminders {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calendar: WorkingDays,
    private readonly restrictions: RestrictionRepository,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
  ) {}

  async dueBy(today: string, horizon: string): Promise<{ count: number; notices: NoticesAtVersion }> {
    const [reviews, writtenNotices, requests] = await Promise.all([
      this.restrictions.activeDueBy(horizon),
      this.restrictions.writtenNoticeDueBy(horizon),
      this.config.reviewClocks.isRegulation11BInForce ? this.restrictions.undecidedSuspensions() : Promise.resolve([]),
    ]);
    const due: { restriction: Restriction; clock: keyof typeof clockNotices; dueOn: string }[] = [
      ...reviews.map((restriction) => ({ restriction, clock: 'review' as const, dueOn: restriction.nextReviewOn! })),
      ...writtenNotices.map((restriction) => ({
        restriction,
        clock: 'written_notice' as const,
        dueOn: restriction.record!.writtenNoticeDueOn!,
      })),
      ...requests.flatMap((restriction) =>
        clocksOf(restriction, today, this.config.reviewClocks, this.calendar)
          .filter((clock) => clock.clock === 'decision' && clock.dueOn <= horizon)
          .map((clock) => ({ restriction, clock: 'decision' as const, dueOn: clock.dueOn })),
      ),
    ];
    return {
      count: due.length,
      notices: async (snapshot) => (await Promise.all(due.map((entry) => this.notices(snapshot, entry, today)))).flat(),
    };
  }

  private async notices(
    snapshot: PolicySnapshot,
    { restriction, clock, dueOn }: { restriction: Restriction; clock: keyof typeof clockNotices; dueOn: string },
    today: string,
  ): Promise<NewNotification[]> {
    const isOverdue = dueOn < today;
    const reference = (await this.cases.referenceOf(restriction.caseId)) ?? 'a case';
    const notice = clockNotices[clock];
    const kind = isOverdue ? notice.overdue : notice.due;
    const message = notice.text(reference, dueOn, isOverdue);
    return (await this.recipients.restrictionManagers(snapshot, restriction.caseId)).map((recipientId) => ({
      recipientId,
      kind,
      caseId: restriction.caseId,
      subjectId: restriction.id,
      message,
      dueOn,
      dedupeKey: `${kind}:${restriction.id}:${dueOn}:${recipientId}`,
    }));
  }
}
