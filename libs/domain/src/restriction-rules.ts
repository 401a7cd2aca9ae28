import {
  isActive,
  legalBasisFits,
  type LegalBasis,
  type NoticeMethod,
  type PresumingOffence,
  type Restriction,
  type RestrictionKind,
  type ReviewClocks,
  type ReviewCycle,
} from './restrictions';
import { workingDaysLeft, type WorkingDays } from './working-days';

/** 30 December 2026: a date in a message, as people in England and Wales write one. */
const inWords = (isoDate: string) =>
  new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** What the application rules read of what PSD records. */
export interface Application {
  readonly kinds: readonly RestrictionKind[];
  readonly legalBasis: LegalBasis;
  readonly reviewCycle: ReviewCycle;
  readonly noticeMethod: NoticeMethod;
  readonly toldOn: string;
  readonly writtenNoticeOn: string | null;
  readonly arrestFor: PresumingOffence | null;
  readonly presumptionRebutted: string | null;
}

/** Suspension is the one restriction that a second person from professional standards must approve before it takes effect. */
export const needsSecondPerson = (kinds: readonly RestrictionKind[]): boolean => kinds.includes('suspension');

/** The last day for the written notice after telling the officer orally; none when they were told in writing. */
export function writtenNoticeDueOn(method: NoticeMethod, toldOn: string, clocks: ReviewClocks, calendar: WorkingDays): string | null {
  return method === 'orally_then_in_writing' ? calendar.add(toldOn, clocks.writtenNoticeWorkingDays) : null;
}

/**
 * The rules that need the calendar or the configuration (the contract's schema checks the rest): the
 * legal basis fits the kinds, the 12-week cycle is regulation 11B's for suspensions, the written notice
 * follows the oral one within its working days, and a restriction short of suspension after an arrest
 * that presumes suspension (regulation 11C) says why the presumption is rebutted.
 */
export function applicationProblems(application: Application, clocks: ReviewClocks, calendar: WorkingDays): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const isSuspension = application.kinds.includes('suspension');
  if (!legalBasisFits(application.kinds, application.legalBasis))
    problems.push({
      path: 'legalBasis',
      message: isSuspension ? 'suspension rests on regulation 11' : 'regulation 11 is for suspension only',
    });
  if (application.reviewCycle === 'amended_2026' && !isSuspension)
    problems.push({ path: 'reviewCycle', message: 'the 12-week cycle of regulation 11B is for suspensions only' });
  else if (application.reviewCycle === 'amended_2026' && !clocks.isRegulation11BInForce)
    problems.push({ path: 'reviewCycle', message: 'regulation 11B is not in force in this deployment' });
  const dueOn = writtenNoticeDueOn(application.noticeMethod, application.toldOn, clocks, calendar);
  if (dueOn && application.writtenNoticeOn && application.writtenNoticeOn < application.toldOn)
    problems.push({ path: 'writtenNoticeOn', message: 'must not be before the officer was told orally' });
  else if (dueOn && application.writtenNoticeOn && application.writtenNoticeOn > dueOn)
    problems.push({
      path: 'writtenNoticeOn',
      message: `must be within ${clocks.writtenNoticeWorkingDays} working days of telling the officer orally (by ${inWords(dueOn)})`,
    });
  if (clocks.isRegulation11CInForce && application.arrestFor && !isSuspension && !application.presumptionRebutted)
    problems.push({
      path: 'presumptionRebutted',
      message: 'after this arrest suspension is presumed (regulation 11C): say why it is rebutted, or apply a suspension',
    });
  return problems;
}

/** When a written notice recorded later is refused: the same window as at application. */
export function writtenNoticeProblem(
  record: { toldOn: string; writtenNoticeDueOn: string | null },
  writtenOn: string,
  clocks: ReviewClocks,
): FieldProblem | null {
  if (writtenOn < record.toldOn) return { path: 'writtenOn', message: 'must not be before the officer was told orally' };
  if (record.writtenNoticeDueOn && writtenOn > record.writtenNoticeDueOn)
    return {
      path: 'writtenOn',
      message: `must be within ${clocks.writtenNoticeWorkingDays} working days of telling the officer orally (by ${inWords(record.writtenNoticeDueOn)}); record the late notice with its reason in a review`,
    };
  return null;
}

export const restrictionClockNames = ['decision', 'written_notice', 'review'] as const;
export type RestrictionClockName = (typeof restrictionClockNames)[number];

export interface RestrictionClock {
  readonly clock: RestrictionClockName;
  readonly dueOn: string;
  /** Working days left before it is due: 0 on the day, negative when overdue. */
  readonly workingDaysLeft: number;
}

/**
 * The clocks running on a restriction today: regulation 11B's decision on a suspension request, the
 * written notice after telling the officer orally, and the next review of one in force.
 */
export function clocksOf(
  restriction: Pick<Restriction, 'kind' | 'status' | 'requestedOn' | 'record' | 'nextReviewOn'>,
  today: string,
  clocks: ReviewClocks,
  calendar: WorkingDays,
): RestrictionClock[] {
  const running: RestrictionClock[] = [];
  const add = (clock: RestrictionClockName, dueOn: string) =>
    running.push({ clock, dueOn, workingDaysLeft: workingDaysLeft(calendar, today, dueOn) });
  const isUndecided =
    restriction.status === 'requested' || restriction.status === 'apply_pending' || restriction.status === 'decline_pending';
  if (clocks.isRegulation11BInForce && restriction.kind === 'recommend_suspension' && isUndecided)
    add('decision', calendar.add(restriction.requestedOn, clocks.regulation11BDecisionWorkingDays));
  const record = restriction.record;
  if ((isActive(restriction) || restriction.status === 'apply_pending') && record?.writtenNoticeDueOn && !record.writtenNoticeOn)
    add('written_notice', record.writtenNoticeDueOn);
  if (isActive(restriction) && restriction.nextReviewOn) add('review', restriction.nextReviewOn);
  return running;
}

/** The queue's order: the most overdue first, then the soonest due; restrictions with no clock running last. */
export function byUrgency<T extends { readonly clocks: readonly RestrictionClock[] }>(first: T, second: T): number {
  const urgency = (entry: T) => Math.min(Infinity, ...entry.clocks.map((clock) => clock.workingDaysLeft));
  const [a, b] = [urgency(first), urgency(second)];
  return a === b ? 0 : a < b ? -1 : 1;
}
