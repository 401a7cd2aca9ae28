import type { CaseStatus } from './cases';
import { conflict } from './errors';

/**
 * What can happen to a case on its way from referral to closure. Hearing and closing carry how many of
 * the case's actions are still open, because that decides where the case goes next.
 */
export type CaseStep =
  | { readonly kind: 'accept' }
  | { readonly kind: 'decline' }
  | { readonly kind: 'list' }
  | { readonly kind: 'hear'; readonly openActions: number }
  | { readonly kind: 'close'; readonly openActions: number };

export type CaseStepKind = CaseStep['kind'];
export const caseStepKinds: readonly CaseStepKind[] = ['accept', 'decline', 'list', 'hear', 'close'];

const afterHearing = (openActions: number): CaseStatus => (openActions > 0 ? 'actions_open' : 'heard');

/**
 * Where a case goes when this happens to it, or a refusal (409) that says why not:
 * - triage accepts or declines a referral, and nothing else;
 * - only an accepted case is put on an agenda (a heard one may be listed again, to be heard again);
 * - a listed case is heard when its item ends, with actions open if any were agreed and are not done;
 * - it is closed once heard, when no action is open, by the coordinator; declined and closed are final.
 */
export function caseStatusAfter(status: CaseStatus, step: CaseStep): CaseStatus {
  switch (step.kind) {
    case 'accept':
    case 'decline':
      if (status !== 'referred') throw conflict(`Only a referral waiting for triage can be ${step.kind}d; this case is ${words(status)}.`);
      return step.kind === 'accept' ? 'accepted' : 'declined';
    case 'list':
      if (status === 'referred') throw conflict('The referral has not been accepted yet: accept it at triage before listing it.');
      if (status === 'declined' || status === 'closed') throw conflict(`A ${words(status)} case cannot be listed.`);
      return 'listed';
    case 'hear':
      if (status !== 'listed' && status !== 'heard' && status !== 'actions_open')
        throw conflict(`A case that is ${words(status)} is not on an agenda to be heard.`);
      return afterHearing(step.openActions);
    case 'close':
      if (status !== 'heard' && status !== 'actions_open')
        throw conflict(`Only a heard case can be closed; this case is ${words(status)}.`);
      if (step.openActions > 0)
        throw conflict(
          step.openActions === 1
            ? 'One action is still open: the case is closed once every action is done.'
            : `${step.openActions} actions are still open: the case is closed once every action is done.`,
        );
      return 'closed';
  }
}

function words(status: CaseStatus): string {
  return status.replace('_', ' ');
}

/** Whether a case may be put on an agenda as it stands: the same rule as `caseStatusAfter`'s listing. */
export function isListable(status: CaseStatus): boolean {
  try {
    caseStatusAfter(status, { kind: 'list' });
    return true;
  } catch {
    return false;
  }
}
