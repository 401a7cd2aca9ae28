import type { AccessChannel } from './cases';

/** What a refused person tried: read or change a case, find it by searching, sync its notes, download minutes holding it, or an id that names no case. */
export const refusedAttempts = ['read', 'write', 'search', 'sync', 'download', 'guess'] as const;
export type RefusedAttempt = (typeof refusedAttempts)[number];

/** A refusal on a case, as the trace keeps it: who, when, how, and the policy's reason; never what was asked for. */
export interface Refusal {
  readonly personId: string;
  /** The case refused; null when the id tried names no case. */
  readonly caseId: string | null;
  /** The id as it was tried, when it names no case (a guess). */
  readonly attempted: string | null;
  readonly channel: AccessChannel;
  readonly attempt: RefusedAttempt;
  readonly reason: string;
}

export const exposureAlertKinds = ['linked_attempt', 'unusual_pattern'] as const;
export type ExposureAlertKind = (typeof exposureAlertKinds)[number];

/**
 * An alert to professional standards and the IOPC: someone linked to a case's suspect tried it, or
 * someone was refused on many cases in a short time. It names the neutral reference, who, when and the
 * kinds of attempt; never content. Attempts in one burst add to one alert.
 */
export interface ExposureAlert {
  readonly id: string;
  readonly kind: ExposureAlertKind;
  readonly caseId: string | null;
  readonly personId: string;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly attempts: number;
  readonly channels: readonly AccessChannel[];
  readonly attemptKinds: readonly RefusedAttempt[];
  readonly reason: string;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly actionTaken: string | null;
}

/** Attempts closer together than this belong to one burst, and to one alert. */
export const exposureBurstMinutes = 10;
/** Refusals on this many different cases (or ids naming none) within a burst make an unusual pattern. */
export const unusualRefusedCases = 5;

/** Whether a refusal's reason is a link to the suspect (the person is stepped out by a conflict). */
export function isLinkedRefusal(reason: string): boolean {
  return reason.startsWith('conflict:');
}
