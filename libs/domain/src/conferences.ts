export const conferenceStatuses = ['scheduled', 'open', 'closed'] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];

/** The statement every member acknowledges before first receiving anything (SafeLives MARAC practice). */
export const defaultConfidentialityStatement =
  'Information discussed at this conference is shared in confidence, for the purpose of reducing the risk of harm to ' +
  'the victim and others. It must not be shared outside this meeting except as agreed in the actions, and it is ' +
  'recorded in restricted minutes. If you are linked to the person suspected of abuse in any case, declare it now.';

export interface Conference {
  readonly id: string;
  readonly title: string;
  readonly scheduledAt: Date;
  readonly location: string | null;
  readonly chairId: string;
  readonly coordinatorId: string;
  readonly status: ConferenceStatus;
  readonly currentItemId: string | null;
  readonly confidentialityStatement: string;
  readonly invitedIds: readonly string[];
}

export interface AgendaItem {
  readonly id: string;
  readonly conferenceId: string;
  readonly caseId: string;
  readonly reference: string;
  readonly hasChildren: boolean;
  readonly addedOrder: number;
}

/** MARAC practice: cases with children first (children's agencies may then leave), then the rest, each in the order added. */
export function orderAgenda<T extends Pick<AgendaItem, 'hasChildren' | 'addedOrder'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Number(b.hasChildren) - Number(a.hasChildren) || a.addedOrder - b.addedOrder);
}

/** Whether a person takes part in a conference at all: its chair, its coordinator, or invited. */
export function isParticipant(conference: Pick<Conference, 'chairId' | 'coordinatorId' | 'invitedIds'>, userId: string): boolean {
  return conference.chairId === userId || conference.coordinatorId === userId || conference.invitedIds.includes(userId);
}
