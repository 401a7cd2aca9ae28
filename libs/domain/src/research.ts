import type { Conference } from './conferences';

/**
 * Before a MARAC each invited agency checks its own records on each case of the agenda ("research")
 * and brings what it holds; what it withheld is noted with the reason. One request per conference,
 * case and agency; it is returned once, by one member of the agency.
 */
export interface ResearchRequest {
  readonly id: string;
  readonly conferenceId: string;
  readonly caseId: string;
  readonly agencyId: string;
  readonly requestedAt: Date;
  readonly requestedBy: string;
  readonly returnedAt: Date | null;
  readonly returnedBy: string | null;
  /** What the agency withheld and why; null when nothing was. This is case content. */
  readonly withheld: string | null;
}

export function isOutstanding(request: Pick<ResearchRequest, 'returnedAt'>): boolean {
  return request.returnedAt === null;
}

/**
 * The people a conference asks research of: those invited to it, not its chair or coordinator (who run
 * it, and are listed as participants once they acknowledge the confidentiality statement).
 */
export function invitedResearchers(conference: Pick<Conference, 'chairId' | 'coordinatorId' | 'invitedIds'>): string[] {
  return conference.invitedIds.filter((id) => id !== conference.chairId && id !== conference.coordinatorId);
}

/** The day a conference meets (UTC), the day its research is due by. */
export function conferenceDay(conference: Pick<Conference, 'scheduledAt'>): string {
  return conference.scheduledAt.toISOString().slice(0, 10);
}
