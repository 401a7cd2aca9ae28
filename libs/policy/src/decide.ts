import type { CaseSubject, Compartment, ViewerProfile } from '@caseroom/domain';
import { findConflict, type Conflict } from './conflicts';
import { defaultPolicyTable, type AudienceRule, type PolicyTable } from './policy-table';

export type Decision =
  | { readonly admitted: true; readonly reason: string }
  | { readonly admitted: false; readonly reason: string; readonly conflict?: Conflict };

export type Action = 'read' | 'write';

export interface DecisionContext {
  /** ISO date used for time-bounded links (shared postings). */
  readonly today: string;
  readonly table?: PolicyTable;
  readonly action?: Action;
}

/**
 * The one rule: may this person receive (or, with action `write`, change) this compartment of this
 * case? Deny by default; a conflict overrides every grant; observers only ever read.
 */
export function decide(viewer: ViewerProfile, subject: CaseSubject, compartment: Compartment, context: DecisionContext): Decision {
  const table = context.table ?? defaultPolicyTable;
  if (!viewer.isActive) return { admitted: false, reason: 'account-disabled' };
  const conflict = findConflict(viewer, subject, context.today);
  if (conflict) return { admitted: false, reason: `conflict:${conflict.reason}`, conflict };
  const rule = matchingRule(viewer, subject, table.audiences[compartment], context.action ?? 'read');
  return rule ? { admitted: true, reason: rule.because } : { admitted: false, reason: 'not-in-audience' };
}

/** Whether the person may see who has seen the case. Conflicts override this too. */
export function decideAudit(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  const table = context.table ?? defaultPolicyTable;
  if (!viewer.isActive) return { admitted: false, reason: 'account-disabled' };
  const conflict = findConflict(viewer, subject, context.today);
  if (conflict) return { admitted: false, reason: `conflict:${conflict.reason}`, conflict };
  const rule = matchingRule(viewer, subject, table.auditors, 'read');
  return rule ? { admitted: true, reason: rule.because } : { admitted: false, reason: 'not-in-audience' };
}

function matchingRule(
  viewer: ViewerProfile,
  subject: CaseSubject,
  rules: readonly AudienceRule[],
  action: Action,
): AudienceRule | undefined {
  const roles = action === 'write' ? viewer.roles.filter((role) => role !== 'observer') : viewer.roles;
  return rules.find(
    (rule) =>
      rule.roles.some((role) => roles.includes(role)) &&
      inScope(viewer, subject, rule) &&
      (!rule.agencyKinds || rule.agencyKinds.includes(viewer.agencyKind)) &&
      !(rule.notSuspectUnit && viewer.unitId !== null && viewer.unitId === subject.suspect.unitId),
  );
}

function inScope(viewer: ViewerProfile, subject: CaseSubject, rule: AudienceRule): boolean {
  const isMemberAgency = subject.memberAgencyIds.includes(viewer.agencyId);
  switch (rule.agency) {
    case 'any':
      return true;
    case 'member-agency':
      return isMemberAgency;
    case 'member-agency-not-suspect-force':
      return isMemberAgency && viewer.agencyId !== subject.suspect.forceId;
    case 'suspect-force':
      return viewer.agencyId === subject.suspect.forceId;
    case 'investigating-force':
      return subject.investigatingForceId !== null && viewer.agencyId === subject.investigatingForceId;
  }
}

/** The compartments this person is admitted to, in order. */
export function admittedCompartments(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Compartment[] {
  const table = context.table ?? defaultPolicyTable;
  return (Object.keys(table.audiences) as Compartment[]).filter((compartment) => decide(viewer, subject, compartment, context).admitted);
}

/**
 * Whether the case exists for this person at all (some compartment admits them) and, when it does not,
 * why: the conflict that steps them out of every compartment, or that no audience admits them. The same
 * `decide()`, asked of each compartment in turn; nothing else is weighed.
 */
export function decideCase(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  const table = context.table ?? defaultPolicyTable;
  let denial: Decision | null = null;
  for (const compartment of Object.keys(table.audiences) as Compartment[]) {
    const decision = decide(viewer, subject, compartment, context);
    if (decision.admitted) return decision;
    denial ??= decision;
  }
  return denial ?? { admitted: false, reason: 'not-in-audience' };
}
