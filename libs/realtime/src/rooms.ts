import type { Compartment } from '@caseroom/contracts';

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
} as const;
