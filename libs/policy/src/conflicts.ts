import type { CaseSubject, DatedPosting, ViewerProfile } from '@caseroom/domain';

export type ConflictReason =
  'is-the-suspect' | 'declared' | 'recorded' | 'same-unit-as-suspect' | 'manages-the-suspect' | 'managed-by-the-suspect' | 'shared-posting';

export interface Conflict {
  readonly reason: ConflictReason;
  /** How the conflict arose: from the person or someone with authority, or from organisation data. */
  readonly source: 'declared' | 'recorded' | 'derived';
}

/** How far back a shared posting still links a person to the suspect. */
export const sharedPostingYears = 3;

/**
 * Whether the viewer is linked to the suspect of the case. Checked before any grant: a conflict
 * steps the person out of the whole case. `today` is an ISO date (YYYY-MM-DD).
 */
export function findConflict(viewer: ViewerProfile, subject: CaseSubject, today: string): Conflict | null {
  const { suspect } = subject;
  if (suspect.userId !== null && viewer.userId === suspect.userId) return { reason: 'is-the-suspect', source: 'derived' };

  const recorded = subject.recordedConflicts.find((conflict) => conflict.userId === viewer.userId);
  if (recorded) return { reason: recorded.source, source: recorded.source };

  if (viewer.agencyId === suspect.forceId && viewer.unitId !== null && viewer.unitId === suspect.unitId) {
    return { reason: 'same-unit-as-suspect', source: 'derived' };
  }
  if (suspect.managerChain.includes(viewer.userId)) return { reason: 'manages-the-suspect', source: 'derived' };
  if (suspect.userId !== null && viewer.managerChain.includes(suspect.userId))
    return { reason: 'managed-by-the-suspect', source: 'derived' };
  if (sharesRecentPosting(viewer.postings, suspect.postings, today)) return { reason: 'shared-posting', source: 'derived' };
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
