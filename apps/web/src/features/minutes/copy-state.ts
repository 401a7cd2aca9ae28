import type { MyMinutesCopyView } from '@caseroom/contracts';

export type CopyState = 'copy_current' | 'copy_withdrawn' | 'copy_replaced' | 'copy_superseded' | 'copy_stale';

/**
 * Where one of my copies stands: replaced by a fresh copy, withdrawn, replaced by a corrected version
 * issued to me since, holding something the policy no longer gives me (a fresh copy can be asked for),
 * or current. A code: the screen says it in words.
 */
export function copyStateOf(copy: MyMinutesCopyView, mine: readonly MyMinutesCopyView[]): CopyState {
  if (copy.replacedBy !== null) return 'copy_replaced';
  if (copy.withdrawnAt !== null) return 'copy_withdrawn';
  if (copy.stale) return 'copy_stale';
  const isCorrected = mine.some((other) => other.conferenceId === copy.conferenceId && other.version > copy.version);
  return isCorrected ? 'copy_superseded' : 'copy_current';
}
