import type { CaseSubject, ViewerProfile } from '@caseroom/domain';
import { decide, type DecisionContext } from './decide';
import { mayReadRegister } from './standards';

/*
 * Who may draw up the reports of decision 0028, and which cases each may count. A case a person may not
 * see is left out of their report altogether: not a row, not a count, not part of a median.
 */

/** The PPDA audit of a force: its own professional standards, and the IOPC for every force. */
export function mayAuditForce(viewer: Pick<ViewerProfile, 'roles' | 'agencyId' | 'agencyKind' | 'isActive'>, forceId: string): boolean {
  return mayReadRegister(viewer, forceId);
}

/** A case is a row of the audit for whom the policy admits to its `standards` compartment. */
export function countsInAudit(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): boolean {
  return decide(viewer, subject, 'standards', context).admitted;
}

/**
 * The MARAC return of an area (the agency whose coordinators run that MARAC): its coordinators, and the
 * chairs of its conferences. `chairedAreaIds` are the areas whose conferences this person chairs.
 */
export function mayReadMaracReturn(
  viewer: Pick<ViewerProfile, 'roles' | 'agencyId' | 'isActive'>,
  areaId: string,
  chairedAreaIds: readonly string[],
): boolean {
  if (!viewer.isActive) return false;
  if (viewer.roles.includes('coordinator') && viewer.agencyId === areaId) return true;
  return viewer.roles.includes('chair') && chairedAreaIds.includes(areaId);
}

/**
 * A case counts in a person's return only where they are admitted to its panel and its victim compartment:
 * the figures are drawn from both (the victim's children and equality monitoring are hers).
 */
export function countsInReturn(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): boolean {
  return decide(viewer, subject, 'panel', context).admitted && decide(viewer, subject, 'victim', context).admitted;
}
