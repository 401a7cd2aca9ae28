import { z } from 'zod';
import type { Compartment, ConferenceStatus } from '@caseroom/domain';

/** Optional text: left empty (or only spaces), it is null. */
const optionalNote = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .default(null)
    .transform((text) => (text ? text : null));

/**
 * An agency returns its research: what it holds, each part written into the compartment where it
 * belongs (as that compartment's entry), and what it withheld and why.
 */
export const returnResearchBody = z.strictObject({
  holdings: z
    .strictObject({
      panel: optionalNote(10000),
      victim: optionalNote(10000),
      investigation: optionalNote(10000),
      standards: optionalNote(10000),
    } satisfies Record<Compartment, z.ZodType>)
    .refine((holdings) => Object.values(holdings).some((text) => text !== null), {
      message: 'write what your agency holds in at least one compartment (say so if it holds nothing)',
    }),
  withheld: optionalNote(5000),
});
export type ReturnResearchBody = z.infer<typeof returnResearchBody>;
export type ReturnResearchInput = z.input<typeof returnResearchBody>;

/** One agency's request on one case, as the coordinator tracks it: names and dates, never content. */
export interface ResearchAgencyView {
  readonly requestId: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly requestedAt: string;
  readonly returnedAt: string | null;
  readonly lastRemindedAt: string | null;
}

export interface ResearchItemView {
  readonly itemId: string;
  readonly position: number;
  /** Absent (with the agencies) for an item the viewer is stepped out of. */
  readonly reference: string | null;
  readonly caseId: string | null;
  readonly isSteppedOut: boolean;
  readonly agencies: readonly ResearchAgencyView[];
}

export interface ResearchTrackerView {
  readonly conferenceId: string;
  readonly title: string;
  readonly scheduledAt: string;
  readonly status: ConferenceStatus;
  /** The agencies research is asked of: those of the people invited. */
  readonly invitedAgencies: readonly { readonly agencyId: string; readonly agencyName: string }[];
  readonly items: readonly ResearchItemView[];
}

export interface RequestResearchResult {
  /** How many requests this call created (none when every case and agency was asked already). */
  readonly created: number;
  readonly tracker: ResearchTrackerView;
}

/** A request as a member of the agency asked sees it on their research list. */
export interface ResearchAskedView {
  readonly requestId: string;
  readonly conferenceId: string;
  readonly conferenceTitle: string;
  readonly scheduledAt: string;
  readonly caseId: string;
  readonly reference: string;
  readonly agencyName: string;
  readonly requestedAt: string;
  readonly returnedAt: string | null;
  readonly returnedByName: string | null;
  /** What the agency noted as withheld; only to those admitted to the case's panel compartment. */
  readonly withheld: string | null;
  /** The compartments this person may write what their agency holds into. */
  readonly writable: readonly Compartment[];
}
