import type { CaseSubject, ViewerProfile } from '@caseroom/domain';
import { decideCase, type Decision, type DecisionContext } from './decide';
import { decideRestrictionManagement } from './standards';

/**
 * Who sets and releases a legal hold on a case (decision 0031): a coordinator admitted to the case, or
 * professional standards of the suspect's force, as for its duty restrictions. A conflict steps either out.
 */
export function decideLegalHold(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  const psd = decideRestrictionManagement(viewer, subject, context);
  if (psd.admitted) return psd;
  const onCase = decideCase(viewer, subject, context);
  if (!onCase.admitted) return onCase;
  if (!viewer.roles.includes('coordinator')) return { admitted: false, reason: 'not-a-coordinator-or-professional-standards' };
  return { admitted: true, reason: 'coordinator' };
}

/** Who sees when a case's records fall due: those who may hold it, and the chairs admitted to it. */
export function decideRetentionRead(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  const hold = decideLegalHold(viewer, subject, context);
  if (hold.admitted) return hold;
  const onCase = decideCase(viewer, subject, context);
  if (onCase.admitted && viewer.roles.includes('chair')) return { admitted: true, reason: 'chair' };
  return { admitted: false, reason: 'not-responsible-for-retention' };
}
