import type { Compartment } from '@caseroom/contracts';

export type RoomKind = 'conference' | 'compartment' | 'person' | 'session' | 'socket';

const kindOfPrefix: ReadonlyMap<string, RoomKind> = new Map([
  ['conference', 'conference'],
  ['case', 'compartment'],
  ['person', 'person'],
  ['session', 'session'],
]);

/**
 * Room names come from here and nowhere else, and never from a client. A socket is in a compartment's
 * room only while the policy admits its person to that compartment.
 */
export const rooms = {
  conference: (conferenceId: string) => `conference:${conferenceId}`,
  compartment: (caseId: string, compartment: Compartment) => `case:${caseId}:${compartment}`,
  person: (userId: string) => `person:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  isCaseRoom: (room: string) => room.startsWith('case:'),
  caseOf: (room: string) => room.split(':')[1] ?? '',
  kinds: ['conference', 'compartment', 'person', 'session', 'socket'] as readonly RoomKind[],
  /** What kind of room this is, from its name alone and never echoing it: a socket's own room (its id) is `socket`. */
  kindOf: (room: string): RoomKind => kindOfPrefix.get(room.split(':')[0]) ?? 'socket',
} as const;
