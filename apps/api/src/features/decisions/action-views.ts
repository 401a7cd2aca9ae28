import type { ActionView } from '@caseroom/contracts';
import type { CaseAction } from '@caseroom/domain';

export const toActionView = (action: CaseAction, today: string): ActionView => ({
  id: action.id,
  caseId: action.caseId,
  conferenceId: action.conferenceId,
  compartment: action.compartment,
  text: action.text,
  ownerAgencyId: action.ownerAgencyId,
  ownerUserId: action.ownerUserId,
  dueOn: action.dueOn,
  status: action.status,
  isOverdue: action.status === 'open' && action.dueOn < today,
  updates: action.updates.map((update) => ({ status: update.status, note: update.note, byId: update.byId, at: update.at.toISOString() })),
});
