import type { Compartment } from './cases';

/**
 * The MARAC action plan. "Not possible" (circumstances changed) and "not done" (by the agency) are
 * minuted differently, so they are two statuses, not one.
 */
export const actionStatuses = ['open', 'done', 'not_possible', 'not_done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export interface ActionUpdate {
  readonly status: ActionStatus;
  readonly note: string;
  readonly byId: string;
  readonly at: Date;
}

export interface CaseAction {
  readonly id: string;
  readonly caseId: string;
  readonly conferenceId: string | null;
  readonly compartment: Compartment;
  readonly text: string;
  readonly ownerAgencyId: string;
  readonly ownerUserId: string | null;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updates: readonly ActionUpdate[];
}

export function isIncomplete(action: Pick<CaseAction, 'status'>): boolean {
  return action.status === 'open';
}

/** Who may report on an action: its owner, anyone in the owning agency, or whoever runs conferences. */
export function mayReportOn(
  action: Pick<CaseAction, 'ownerAgencyId' | 'ownerUserId'>,
  person: { userId: string; agencyId: string },
): boolean {
  return action.ownerUserId === person.userId || action.ownerAgencyId === person.agencyId;
}
