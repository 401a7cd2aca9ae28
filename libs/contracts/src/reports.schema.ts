import { z } from 'zod';
import {
  decisionKinds,
  restrictsSuspect,
  type AuditStanding,
  type CaseStatus,
  type MisconductRecording,
  type PublishedReturn,
  type RestrictingKind,
  type RestrictionStatus,
} from '@caseroom/domain';
import { isoDate, uuid } from './common.schema';

const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const restrictingKinds = decisionKinds.filter(restrictsSuspect) as unknown as readonly [RestrictingKind, ...RestrictingKind[]];
export const auditStandingFilters = ['all', 'live', 'finished'] as const;
export const reportFormats = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * The PPDA audit's filters. Professional standards see their own force; the IOPC every force, or one.
 * The format is how the answer is sent: JSON for the screen, CSV or PDF to download.
 */
export const ppdaAuditQuery = z
  .strictObject({
    forceId: z.preprocess(blankAsAbsent, uuid.optional()),
    standing: z.preprocess(blankAsAbsent, z.enum(auditStandingFilters, { message: 'must be all, live or finished' }).default('all')),
    referredFrom: z.preprocess(blankAsAbsent, isoDate.optional()),
    referredTo: z.preprocess(blankAsAbsent, isoDate.optional()),
    restrictionKind: z.preprocess(
      blankAsAbsent,
      z.enum(restrictingKinds, { message: `must be one of ${restrictingKinds.join(', ')}` }).optional(),
    ),
    format: z.preprocess(blankAsAbsent, z.enum(reportFormats, { message: 'must be json, csv or pdf' }).default('json')),
  })
  .refine((query) => !query.referredFrom || !query.referredTo || query.referredFrom <= query.referredTo, {
    message: 'must not be before referredFrom',
    path: ['referredTo'],
  });
export type PpdaAuditQuery = z.infer<typeof ppdaAuditQuery>;

export interface AuditRestrictionView {
  readonly id: string;
  readonly kind: RestrictingKind;
  readonly status: RestrictionStatus;
  readonly effectiveOn: string | null;
  readonly nextReviewOn: string | null;
  readonly endedOn: string | null;
  readonly isReviewOverdue: boolean;
}

/** One case in the audit: its structure and what professional standards record of it, never the victim's side. */
export interface PpdaAuditRowView {
  readonly caseId: string;
  readonly reference: string;
  readonly forceId: string;
  readonly forceName: string;
  readonly standing: AuditStanding;
  readonly status: CaseStatus;
  readonly referredOn: string;
  /** The day it was closed or declined; null while live. */
  readonly finishedOn: string | null;
  readonly suspectRank: string | null;
  readonly suspectRole: string | null;
  readonly isPublicProtection: boolean;
  /** How professional standards recorded it; null when nobody has said yet. */
  readonly recordedAs: MisconductRecording | null;
  /** Whether this viewer may record or change that (PSD of the suspect's force, not linked to the case). */
  readonly canRecord: boolean;
  readonly restrictions: readonly AuditRestrictionView[];
  /** Days from the referral to the first restriction applied; null when none was applied. */
  readonly daysToRestriction: number | null;
}

export interface PpdaAuditSummaryView {
  readonly cases: number;
  readonly live: number;
  readonly finished: number;
  readonly withRestrictionInPlace: number;
  readonly overdueReviews: number;
  readonly recordedAs: Readonly<Record<MisconductRecording | 'unrecorded', number>>;
  readonly restrictionsByKind: Readonly<Record<RestrictingKind, number>>;
  readonly medianDaysToRestriction: number | null;
}

export interface PpdaAuditView {
  /** The day the audit was drawn up, and the earliest finish a finished case may have to be in it. */
  readonly asOf: string;
  readonly finishedSince: string;
  /** The forces this viewer may audit: their own for PSD, every force for the IOPC. */
  readonly forces: readonly { readonly id: string; readonly name: string }[];
  readonly forceId: string | null;
  readonly rows: readonly PpdaAuditRowView[];
  readonly summary: PpdaAuditSummaryView;
}

/** The MARAC return: one area (the agency that coordinates the MARAC) and one calendar quarter, `2026-Q4`. */
export const maracReturnQuery = z.strictObject({
  areaId: z.preprocess(blankAsAbsent, uuid.optional()),
  quarter: z.preprocess(
    blankAsAbsent,
    z
      .string()
      .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q4')
      .optional(),
  ),
  format: z.preprocess(blankAsAbsent, z.enum(['json', 'csv'], { message: 'must be json or csv' }).default('json')),
});
export type MaracReturnQuery = z.infer<typeof maracReturnQuery>;

export interface MaracReturnView {
  /** The MARAC areas this viewer may report on. */
  readonly areas: readonly { readonly id: string; readonly name: string }[];
  readonly area: { readonly id: string; readonly name: string } | null;
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  /** The figures as they may be published: counts of 1 to 4 are "<5". */
  readonly figures: PublishedReturn | null;
  /** The return's columns, in the CSV's order. */
  readonly columns: readonly { readonly key: string; readonly label: string }[];
}
