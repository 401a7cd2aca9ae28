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
  /** When the agenda was last circulated to the invitees; null until it is. */
  readonly agendaCirculatedAt: Date | null;
}

export interface AgendaItem {
  readonly id: string;
  readonly conferenceId: string;
  readonly caseId: string;
  readonly reference: string;
  readonly hasChildren: boolean;
  /** The coordinator's order: a new item goes last, and moving one up or down swaps it with its neighbour. */
  readonly order: number;
}

/**
 * MARAC practice: cases with children first (children's agencies may then leave), then the rest, each
 * group in the order the coordinator set.
 */
export function orderAgenda<T extends Pick<AgendaItem, 'hasChildren' | 'order'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Number(b.hasChildren) - Number(a.hasChildren) || a.order - b.order);
}

export const agendaDirections = ['up', 'down'] as const;
export type AgendaDirection = (typeof agendaDirections)[number];

/**
 * The item that changes places with `itemId` when it is moved up or down: its neighbour in agenda order,
 * within its own group, since cases with children stay first. Null at either end of the group, and for
 * an item the agenda does not hold.
 */
export function agendaNeighbour<T extends Pick<AgendaItem, 'id' | 'hasChildren' | 'order'>>(
  items: readonly T[],
  itemId: string,
  direction: AgendaDirection,
): T | null {
  const ordered = orderAgenda(items);
  const index = ordered.findIndex((item) => item.id === itemId);
  if (index < 0) return null;
  const neighbour = ordered[direction === 'up' ? index - 1 : index + 1];
  return neighbour && neighbour.hasChildren === ordered[index].hasChildren ? neighbour : null;
}

/** Whether a person takes part in a conference at all: its chair, its coordinator, or invited. */
export function isParticipant(conference: Pick<Conference, 'chairId' | 'coordinatorId' | 'invitedIds'>, userId: string): boolean {
  return conference.chairId === userId || conference.coordinatorId === userId || conference.invitedIds.includes(userId);
}
