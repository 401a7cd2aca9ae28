import type { CaseSubject, DatedPosting, PoliceWorkerProfile, ViewerProfile } from '@caseroom/domain';

export type ConflictReason =
  | 'is-the-suspect'
  | 'is-the-victim'
  | 'declared'
  | 'recorded'
  | 'same-unit-as-suspect'
  | 'manages-the-suspect'
  | 'managed-by-the-suspect'
  | 'shared-posting'
  | 'same-unit-as-victim'
  | 'manages-the-victim'
  | 'managed-by-the-victim'
  | 'shared-posting-with-victim';

export interface Conflict {
  readonly reason: ConflictReason;
  /** How the conflict arose: from the person or someone with authority, or from organisation data. */
  readonly source: 'declared' | 'recorded' | 'derived';
}

/** How far back a shared posting still links a person to the suspect (or to a police-employed victim). */
export const sharedPostingYears = 3;

/** The reasons a link to one person of the case is given under, on each side. */
interface SideReasons {
  readonly isThem: ConflictReason;
  readonly sameUnit: ConflictReason;
  readonly managesThem: ConflictReason;
  readonly managedByThem: ConflictReason;
  readonly sharedPosting: ConflictReason;
}

const suspectSide: SideReasons = {
  isThem: 'is-the-suspect',
  sameUnit: 'same-unit-as-suspect',
  managesThem: 'manages-the-suspect',
  managedByThem: 'managed-by-the-suspect',
  sharedPosting: 'shared-posting',
};

const victimSide: SideReasons = {
  isThem: 'is-the-victim',
  sameUnit: 'same-unit-as-victim',
  managesThem: 'manages-the-victim',
  managedByThem: 'managed-by-the-victim',
  sharedPosting: 'shared-posting-with-victim',
};

/**
 * Whether the viewer is linked to the suspect of the case or, when she works for a police force, to the
 * victim. Checked before any grant: a conflict steps the person out of the whole case. The victim's
 * colleagues are found by the same rules as the suspect's, so that neither side's workplace learns of
 * the case. `today` is an ISO date (YYYY-MM-DD).
 */
export function findConflict(viewer: ViewerProfile, subject: CaseSubject, today: string): Conflict | null {
  const { suspect, victim } = subject;
  if (isThemself(viewer, suspect)) return derived(suspectSide.isThem);
  if (victim && isThemself(viewer, victim)) return derived(victimSide.isThem);

  const recorded = subject.recordedConflicts.find((conflict) => conflict.userId === viewer.userId);
  if (recorded) return { reason: recorded.source, source: recorded.source };

  const link = workplaceLink(viewer, suspect, suspectSide, today) ?? (victim ? workplaceLink(viewer, victim, victimSide, today) : null);
  return link ? derived(link) : null;
}

const derived = (reason: ConflictReason): Conflict => ({ reason, source: 'derived' });

function isThemself(viewer: ViewerProfile, worker: PoliceWorkerProfile): boolean {
  return worker.userId !== null && viewer.userId === worker.userId;
}

/** How the organisation data links the viewer to one police worker of the case, if it does. */
function workplaceLink(viewer: ViewerProfile, worker: PoliceWorkerProfile, side: SideReasons, today: string): ConflictReason | null {
  if (viewer.agencyId === worker.forceId && viewer.unitId !== null && viewer.unitId === worker.unitId) return side.sameUnit;
  if (worker.managerChain.includes(viewer.userId)) return side.managesThem;
  if (worker.userId !== null && viewer.managerChain.includes(worker.userId)) return side.managedByThem;
  if (sharesRecentPosting(viewer.postings, worker.postings, today)) return side.sharedPosting;
  return null;
}

function sharesRecentPosting(mine: readonly DatedPosting[], theirs: readonly DatedPosting[], today: string): boolean {
  const horizon = yearsBefore(today, sharedPostingYears);
  return mine.some((own) =>
    theirs.some((other) => {
      if (own.unitId !== other.unitId) return false;
      const overlapStart = own.startsOn > other.startsOn ? own.startsOn : other.startsOn;
      const overlapEnd = minEnd(own.endsOn, other.endsOn, today);
      return overlapStart <= overlapEnd && overlapEnd >= horizon;
    }),
  );
}

function minEnd(first: string | null, second: string | null, today: string): string {
  const ends = [first ?? today, second ?? today, today];
  return ends.reduce((earliest, end) => (end < earliest ? end : earliest));
}

/** Same month and day, `years` earlier; compared as text, so 29 February needs no special case. */
function yearsBefore(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(4)}`;
}
