import type { CaseSubject, ViewerProfile } from '@caseroom/domain';
import { decide, type Decision, type DecisionContext } from './decide';

/**
 * Who may act on a duty restriction: professional standards of the suspect's own force, and only
 * where the policy admits them to write the case's `standards` compartment (so a conflict, such as
 * sharing the suspect's unit, still steps them out). The IOPC reads it; it does not apply it.
 */
export function decideRestrictionManagement(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  const standards = decide(viewer, subject, 'standards', { ...context, action: 'write' });
  if (!standards.admitted) return standards;
  if (!viewer.roles.includes('psd') || viewer.agencyId !== subject.suspect.forceId)
    return { admitted: false, reason: "not-professional-standards-of-the-suspect's-force" };
  return { admitted: true, reason: "professional standards of the suspect's force" };
}

/** Whose register of restrictions a person may open: their own force's, if they are PSD; any, for the IOPC. */
export function mayReadRegister(viewer: Pick<ViewerProfile, 'roles' | 'agencyId' | 'agencyKind' | 'isActive'>, forceId: string): boolean {
  if (!viewer.isActive) return false;
  if (viewer.agencyKind === 'iopc') return true;
  return viewer.roles.includes('psd') && viewer.agencyId === forceId;
}
