import { z } from 'zod';
import {
  allegationKinds,
  consentDecisions,
  dashAnswerValues,
  dashQuestionIds,
  referralGrounds,
  type CaseStatus,
  type Compartment,
  type DashAnswer,
  type DashQuestionId,
  type RiskTool,
} from '@caseroom/domain';
import { allegation, checkGrounds, consentBody, dashAnswersBody, uniqueIds, victimBody, victimMonitoringFields } from './cases.schema';
import { isoDate, trimmedText, uuid } from './common.schema';

const choose = (what: string) => z.uuid({ message: `choose ${what}` });

/**
 * A referral as its referrer submits it, from the referral form: the whole DASH checklist, the grounds,
 * the victim's consent, and the suspect picked from their force's records or, without an account, typed
 * (and so, where she works for a police force, the victim).
 * The referring agency is always on the case's panel; the coordinator may add others at triage.
 */
export const referralBody = z
  .strictObject({
    referral: z.strictObject({
      ground: z.enum(referralGrounds, { message: 'choose the grounds for the referral' }),
      referredOn: isoDate,
      referringAgencyId: choose('the referring agency'),
      dashAnswers: dashAnswersBody,
      concern: trimmedText(2000).nullable().default(null),
      incidentCount: z
        .number({ message: 'must be a whole number' })
        .int('must be a whole number')
        .min(0, 'must not be negative')
        .max(1000, 'must be at most 1000')
        .nullable()
        .default(null),
    }),
    agencyIds: uniqueIds.default([]),
    consent: consentBody,
    victim: victimBody,
    suspect: z.strictObject({
      /** Their account, when they have one: name, rank, unit, line manager and postings are then read from it. */
      userId: uuid.nullable().default(null),
      forceId: choose("the suspect's force"),
      name: trimmedText(200).nullable().default(null),
      rank: trimmedText(80).nullable().default(null),
      staffNumber: trimmedText(20).nullable().default(null),
      roleTitle: trimmedText(200).nullable().default(null),
      isPublicProtection: z.boolean().default(false),
    }),
    allegations: z.array(allegation).max(100).default([]),
    summary: trimmedText(5000).nullable().default(null),
  })
  .superRefine((body, context) => {
    checkGrounds(body, context);
    const { userId, name, staffNumber } = body.suspect;
    if (userId !== null) return;
    if (name === null && staffNumber === null) {
      context.addIssue({
        code: 'custom',
        path: ['suspect', 'userId'],
        message: "pick the suspect from their force's records, or type their name and staff number",
      });
      return;
    }
    if (name === null)
      context.addIssue({ code: 'custom', path: ['suspect', 'name'], message: "give the suspect's name, or pick them from their force" });
    if (staffNumber === null)
      context.addIssue({
        code: 'custom',
        path: ['suspect', 'staffNumber'],
        message: 'give the staff number when the suspect has no account',
      });
  });
export type ReferralBody = z.infer<typeof referralBody>;
export type ReferralInput = z.input<typeof referralBody>;

const draftText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullable().optional();
const draftId = z
  .union([uuid, z.literal('')])
  .nullable()
  .optional();
const draftDate = z.string().max(10, 'must be at most 10 characters').nullable().optional();

/**
 * A referral half written: the shape of the referral form with every field optional and nothing yet
 * required to fit together. It is checked in full only when it is submitted.
 */
export const referralDraftBody = z.strictObject({
  referral: z
    .strictObject({
      ground: z
        .union([z.enum(referralGrounds), z.literal('')])
        .nullable()
        .optional(),
      referredOn: draftDate,
      referringAgencyId: draftId,
      dashAnswers: z
        .strictObject(
          Object.fromEntries(dashQuestionIds.map((id) => [id, z.enum(dashAnswerValues).nullable().optional()])) as Record<
            DashQuestionId,
            z.ZodOptional<z.ZodNullable<z.ZodEnum<{ [K in DashAnswer]: K }>>>
          >,
        )
        .optional(),
      concern: draftText(2000),
      // Whatever number was typed: whether it fits is checked when the referral is submitted.
      incidentCount: z.number().nullable().optional(),
    })
    .optional(),
  agencyIds: z.array(uuid).max(50).optional(),
  consent: z
    .strictObject({
      isVictimInformed: z.boolean().nullable().optional(),
      decision: z
        .union([z.enum(consentDecisions), z.literal('')])
        .nullable()
        .optional(),
      reasonWithoutConsent: draftText(2000),
      isNecessaryAndProportionate: z.boolean().nullable().optional(),
    })
    .optional(),
  victim: z
    .strictObject({
      pseudonym: draftText(80),
      name: draftText(200),
      dateOfBirth: draftDate,
      address: draftText(500),
      safeContact: z
        .strictObject({ method: draftText(100), details: draftText(500), times: draftText(200) })
        .nullable()
        .optional(),
      children: z
        .array(
          z.strictObject({ name: draftText(200), dateOfBirth: draftDate, school: draftText(200), childProtectionStatus: draftText(200) }),
        )
        .max(20)
        .optional(),
      safetyPlan: draftText(5000),
      employer: draftText(200),
      ...victimMonitoringFields,
      employerForceId: draftId,
      userId: draftId,
      unitId: draftId,
      lineManagerId: draftId,
      postings: z
        .array(z.strictObject({ unitId: draftId, startsOn: draftDate, endsOn: draftDate }))
        .max(50)
        .optional(),
    })
    .optional(),
  suspect: z
    .strictObject({
      userId: draftId,
      forceId: draftId,
      name: draftText(200),
      rank: draftText(80),
      staffNumber: draftText(20),
      roleTitle: draftText(200),
      isPublicProtection: z.boolean().nullable().optional(),
    })
    .optional(),
  allegations: z
    .array(
      z.strictObject({
        date: draftDate,
        kind: z
          .union([z.enum(allegationKinds), z.literal('')])
          .nullable()
          .optional(),
        reportedTo: draftText(200),
      }),
    )
    .max(100)
    .optional(),
  summary: draftText(5000),
});
export type ReferralDraftBody = z.infer<typeof referralDraftBody>;

/** A draft in its author's list: enough to recognise it, nothing more. */
export interface ReferralDraftSummaryView {
  readonly id: string;
  readonly victimPseudonym: string | null;
  readonly referredOn: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ReferralDraftView extends ReferralDraftSummaryView {
  readonly content: ReferralDraftBody;
}

/** Searching the people of one police force for the suspect, or for a victim who works there. */
export const workforceQuery = z.strictObject({
  forceId: uuid,
  search: z.string().trim().min(2, 'type at least 2 characters').max(100, 'must be at most 100 characters'),
});
export type WorkforceQuery = z.infer<typeof workforceQuery>;

/** A member of a force's workforce as their organisation records them: what the referral form shows of the suspect or the victim. */
export interface WorkforceMemberView {
  readonly id: string;
  readonly name: string;
  readonly forceId: string;
  readonly rank: string | null;
  readonly staffNumber: string | null;
  readonly unit: { readonly id: string; readonly name: string } | null;
  /** The role of their current posting, when one is recorded. */
  readonly roleTitle: string | null;
  readonly lineManager: { readonly id: string; readonly name: string } | null;
  readonly postings: readonly {
    readonly unitName: string;
    readonly roleTitle: string;
    readonly startsOn: string;
    readonly endsOn: string | null;
  }[];
}

/** The units of one police force, for a victim without an account whose unit is typed. */
export const forceUnitsQuery = z.strictObject({ forceId: uuid });
export type ForceUnitsQuery = z.infer<typeof forceUnitsQuery>;

/** A unit of a force by name: organisation data, not case content. */
export interface ForceUnitView {
  readonly id: string;
  readonly name: string;
}

/** A case's risk assessment: part of the panel compartment, read only by those the policy admits to it. */
export interface RiskAssessmentView {
  readonly id: string;
  readonly compartment: Extract<Compartment, 'panel'>;
  readonly tool: RiskTool;
  readonly answers: Readonly<Record<DashQuestionId, DashAnswer>>;
  readonly score: number;
  readonly threshold: number;
  readonly assessedBy: { readonly id: string; readonly name: string };
  readonly assessedAt: string;
}

/** What the referrer learns on submitting: the neutral reference, and the case's status. */
export interface SubmittedReferralView {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
}
