import { z } from 'zod';
import {
  allegationKinds,
  compartments,
  conflictKinds,
  consentDecisions,
  ethnicGroups,
  misconductRecordings,
  monitoringAnswers,
  victimGenders,
  dashAnswerValues,
  dashHighRiskThreshold,
  dashMaximum,
  dashQuestionIds,
  dashScore,
  referralGrounds,
  type DashAnswer,
  type DashQuestionId,
  type CaseStatus,
  type Compartment,
  type ConflictKind,
  type ReferralGround,
} from '@caseroom/domain';
import { isoDate, trimmedText, uuid } from './common.schema';

const optionalText = (max: number) => trimmedText(max).nullable().optional();
export const uniqueIds = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an agency');

export const compartmentParam = z.enum(compartments, { message: `must be one of ${compartments.join(', ')}` });

export const allegation = z.strictObject({ date: isoDate, kind: z.enum(allegationKinds), reportedTo: trimmedText(200) });
export const child = z.strictObject({
  name: trimmedText(200),
  dateOfBirth: isoDate.nullable().default(null),
  school: optionalText(200),
  childProtectionStatus: optionalText(200),
});
/**
 * Equality monitoring of the victim, for the MARAC's data return: each optional, each with "not known" and
 * "prefers not to say". They live in the victim compartment with the rest of what identifies her.
 */
export const victimMonitoringFields = {
  gender: z.enum(victimGenders, { message: 'choose one of the answers given' }).nullable().optional(),
  ethnicGroup: z.enum(ethnicGroups, { message: 'choose one of the answers given' }).nullable().optional(),
  disabled: z.enum(monitoringAnswers, { message: 'choose one of the answers given' }).nullable().optional(),
  lgbt: z.enum(monitoringAnswers, { message: 'choose one of the answers given' }).nullable().optional(),
};

export const safeContact = z.strictObject({ method: trimmedText(100), details: trimmedText(500), times: optionalText(200) });

/** Fields each compartment holds, all optional; `null` clears a field. */
export const compartmentFields = {
  panel: z.strictObject({
    victimPseudonym: trimmedText(80).optional(),
    summary: optionalText(5000),
    risk: optionalText(5000),
    allegations: z.array(allegation).max(100).optional(),
  }),
  victim: z.strictObject({
    name: trimmedText(200).optional(),
    dateOfBirth: isoDate.nullable().optional(),
    address: optionalText(500),
    safeContact: safeContact.nullable().optional(),
    children: z.array(child).max(20).optional(),
    safetyPlan: optionalText(5000),
    employer: optionalText(200),
    viewsAndWishes: optionalText(5000),
    ...victimMonitoringFields,
  }),
  investigation: z.strictObject({
    strategy: optionalText(5000),
    criminalReference: optionalText(100),
    misconductReference: optionalText(100),
    attestation: optionalText(1000),
  }),
  standards: z.strictObject({
    dutyStatus: optionalText(1000),
    vettingLevel: optionalText(100),
    vettingReviewDue: isoDate.nullable().optional(),
    notes: optionalText(5000),
    /** How professional standards recorded the allegation: a complaint, a conduct matter, or not (yet) recorded. */
    recordedAs: z.enum(misconductRecordings, { message: 'choose complaint, conduct matter or not recorded' }).nullable().optional(),
  }),
} satisfies Record<Compartment, z.ZodType>;

export const anyCompartmentFields = z.record(z.string(), z.unknown()).refine((fields) => Object.keys(fields).length > 0, {
  message: 'give at least one field to change',
});

/** Every question of the DASH checklist answered yes, no or not known, under its stable id. */
export const dashAnswersBody = z.strictObject(
  Object.fromEntries(dashQuestionIds.map((id) => [id, z.enum(dashAnswerValues, { message: 'answer yes, no or not known' })])) as Record<
    DashQuestionId,
    z.ZodEnum<{ [K in DashAnswer]: K }>
  >,
);
export type DashAnswersBody = z.infer<typeof dashAnswersBody>;

/**
 * Whether the victim was told of the referral and agreed to it; without their consent, why sharing is
 * necessary and proportionate (the decision must be recorded).
 */
export const consentBody = z
  .strictObject({
    isVictimInformed: z.boolean({ message: 'say whether the victim was told of the referral' }),
    decision: z.enum(consentDecisions, { message: 'choose whether the victim consented' }),
    reasonWithoutConsent: trimmedText(2000).nullable().default(null),
    isNecessaryAndProportionate: z.boolean().default(false),
  })
  .superRefine((consent, context) => {
    if (consent.decision !== 'not_asked' && !consent.isVictimInformed)
      context.addIssue({ code: 'custom', path: ['decision'], message: 'a victim who was not told of the referral was not asked' });
    if (consent.decision === 'given') return;
    if (consent.reasonWithoutConsent === null)
      context.addIssue({
        code: 'custom',
        path: ['reasonWithoutConsent'],
        message: 'without consent, record why sharing is necessary and proportionate',
      });
    if (!consent.isNecessaryAndProportionate)
      context.addIssue({
        code: 'custom',
        path: ['isNecessaryAndProportionate'],
        message: 'without consent, confirm that sharing is necessary and proportionate',
      });
  });
export type ConsentBody = z.infer<typeof consentBody>;

export const posting = z.strictObject({ unitId: uuid, startsOn: isoDate, endsOn: isoDate.nullable().default(null) });

/**
 * Where a police-employed victim works. Picked from her force's records where she has an account (her
 * unit, line manager and postings are then read from it, and follow it), or typed where she has none.
 * Her colleagues are stepped out of the case by the same rules as the suspect's.
 */
const victimWorkplaceFields = {
  /** The police force the victim works for, when they are police staff: the case is then police-connected on her side too. */
  employerForceId: uuid.nullable().default(null),
  /** Her account in that force, when she has one. */
  userId: uuid.nullable().default(null),
  /** Without an account: her unit, line manager and postings as the referrer knows them. */
  unitId: uuid.nullable().default(null),
  lineManagerId: uuid.nullable().default(null),
  postings: z.array(posting).max(50).default([]),
};

interface VictimWorkplaceInput {
  readonly employerForceId: string | null;
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly lineManagerId: string | null;
  readonly postings: readonly unknown[];
}

/** A workplace in a force needs the force. */
function checkWorkplace(workplace: VictimWorkplaceInput, context: z.RefinementCtx): void {
  if (workplace.employerForceId !== null) return;
  const given = workplace.userId !== null || workplace.unitId !== null || workplace.lineManagerId !== null || workplace.postings.length > 0;
  if (given) context.addIssue({ code: 'custom', path: ['employerForceId'], message: 'choose the police force the victim works for' });
}

export const victimBody = z
  .strictObject({
    pseudonym: trimmedText(80),
    name: trimmedText(200),
    dateOfBirth: isoDate.nullable().default(null),
    address: trimmedText(500).nullable().default(null),
    safeContact: safeContact.nullable().default(null),
    children: z.array(child).max(20).default([]),
    safetyPlan: trimmedText(5000).nullable().default(null),
    employer: trimmedText(200).nullable().default(null),
    ...victimMonitoringFields,
    ...victimWorkplaceFields,
  })
  .superRefine(checkWorkplace);

/** Where the victim works, recorded (or corrected) on an existing case; `employerForceId: null` says she is not police staff. */
export const victimWorkplaceBody = z.strictObject(victimWorkplaceFields).superRefine(checkWorkplace);
export type VictimWorkplaceBody = z.infer<typeof victimWorkplaceBody>;

/**
 * What each recorded field of a compartment (and each part of one) is called in words: on screen, in the
 * minutes and in docs/information-sharing.md.
 */
export const caseFieldWords: Readonly<Record<string, string>> = {
  victimPseudonym: 'Pseudonym',
  summary: 'Summary',
  risk: 'Risk summary',
  allegations: 'Allegations',
  name: 'Name',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  safeContact: 'Safe contact',
  children: 'Children in the household',
  safetyPlan: 'Safety plan',
  employer: 'Employer',
  employerForceId: 'Works for the police force',
  viewsAndWishes: 'Her views and wishes',
  strategy: 'Investigation strategy',
  criminalReference: 'Crime reference',
  misconductReference: 'Misconduct reference',
  attestation: 'Investigator’s attestation of no prior dealings',
  dutyStatus: 'Duty status',
  vettingLevel: 'Vetting level',
  vettingReviewDue: 'Vetting review due',
  notes: 'Notes',
  gender: 'Gender',
  ethnicGroup: 'Ethnic group',
  disabled: 'Disabled',
  lgbt: 'LGBT+',
  recordedAs: 'Recorded as',
  date: 'Date',
  kind: 'Kind',
  reportedTo: 'Reported to',
  method: 'How',
  details: 'Details',
  times: 'When',
  school: 'School',
  childProtectionStatus: 'Child protection status',
};

/** Where the victim works, as recorded on the case: what the workplace form starts from when it is corrected. */
export interface VictimWorkplaceView {
  readonly employerForceId: string | null;
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly lineManagerId: string | null;
  readonly postings: readonly { readonly unitId: string; readonly startsOn: string; readonly endsOn: string | null }[];
}

interface GroundsInput {
  readonly referral: {
    readonly ground: string;
    readonly dashScore?: number | null;
    readonly dashAnswers?: Partial<Record<DashQuestionId, DashAnswer>> | null;
    readonly concern: string | null;
    readonly incidentCount: number | null;
  };
}

/** The grounds a referral gives must hold: the score for visible high risk, the concern, the incidents. */
export function checkGrounds(body: GroundsInput, context: z.RefinementCtx): void {
  const { ground, dashAnswers, concern, incidentCount } = body.referral;
  const givenScore = body.referral.dashScore ?? null;
  const score = dashAnswers ? dashScore(dashAnswers) : givenScore;
  if (dashAnswers && givenScore !== null && givenScore !== score) {
    context.addIssue({
      code: 'custom',
      path: ['referral', 'dashScore'],
      message: `must be the number of yes answers (${score}), or left out`,
    });
  }
  if (ground === 'visible_high_risk' && (score === null || score < dashHighRiskThreshold)) {
    context.addIssue({
      code: 'custom',
      path: ['referral', dashAnswers ? 'dashAnswers' : 'dashScore'],
      message: `visible high risk needs a DASH score of ${dashHighRiskThreshold} or more`,
    });
  }
  if (ground === 'professional_judgement' && concern === null) {
    context.addIssue({ code: 'custom', path: ['referral', 'concern'], message: 'professional judgement needs the concern' });
  }
  if (ground === 'escalation' && (incidentCount === null || incidentCount < 1)) {
    context.addIssue({ code: 'custom', path: ['referral', 'incidentCount'], message: 'escalation needs the number of incidents' });
  }
}

export const createCaseBody = z
  .strictObject({
    referral: z.strictObject({
      ground: z.enum(referralGrounds),
      referredOn: isoDate,
      referringAgencyId: uuid,
      dashScore: z.number().int().min(0).max(dashMaximum).nullable().default(null),
      /** When given, the score is theirs: the number of yes answers. */
      dashAnswers: dashAnswersBody.nullable().default(null),
      concern: trimmedText(2000).nullable().default(null),
      incidentCount: z.number().int().min(0).max(1000).nullable().default(null),
    }),
    agencyIds: uniqueIds.min(1, 'give at least one agency'),
    investigatingForceId: uuid.nullable().default(null),
    consent: consentBody.nullable().default(null),
    victim: victimBody,
    suspect: z.strictObject({
      userId: uuid.nullable().default(null),
      forceId: uuid,
      unitId: uuid.nullable().default(null),
      lineManagerId: uuid.nullable().default(null),
      name: trimmedText(200),
      rank: trimmedText(80).nullable().default(null),
      staffNumber: trimmedText(20).nullable().default(null),
      roleTitle: trimmedText(200).nullable().default(null),
      isPublicProtection: z.boolean().default(false),
      postings: z.array(posting).max(50).default([]),
    }),
    allegations: z.array(allegation).max(100).default([]),
    summary: trimmedText(5000).nullable().default(null),
  })
  .superRefine((body, context) => {
    checkGrounds(body, context);
    if (body.suspect.userId === null && body.suspect.staffNumber === null) {
      context.addIssue({
        code: 'custom',
        path: ['suspect', 'staffNumber'],
        message: 'give the staff number when the suspect has no account',
      });
    }
  });
export type CreateCaseBody = z.infer<typeof createCaseBody>;

/** The panel's agencies and the investigating force. The status moves only by the case's own steps (triage, agenda, hearing, closure). */
export const updateCaseBody = z
  .strictObject({
    agencyIds: uniqueIds.min(1, 'give at least one agency').optional(),
    investigatingForceId: uuid.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });
export type UpdateCaseBody = z.infer<typeof updateCaseBody>;

export const addEntryBody = z.strictObject({ occurredOn: isoDate.nullable().default(null), text: trimmedText(10000) });
export type AddEntryBody = z.infer<typeof addEntryBody>;

/** Who made a counter-allegation: usually the case's suspect; otherwise a person with an account, or someone described. */
export const counterAllegationMaker = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('suspect') }),
    z.strictObject({ kind: z.literal('person'), userId: uuid }),
    z.strictObject({ kind: z.literal('described'), description: trimmedText(500) }),
  ],
  { message: 'must be the suspect, a person or a description' },
);
export type CounterAllegationMaker = z.infer<typeof counterAllegationMaker>;

/** A counter-allegation, recorded on the original case (decision 0025), never registered as a case of its own. */
export const counterAllegationBody = z.strictObject({
  receivedOn: isoDate,
  referringAgencyId: uuid,
  madeBy: counterAllegationMaker,
  alleged: trimmedText(10000),
  howReceived: trimmedText(500),
});
export type CounterAllegationBody = z.infer<typeof counterAllegationBody>;

export const declareConflictBody = z.strictObject({ kind: z.enum(conflictKinds), reason: trimmedText(1000) });
export const recordConflictBody = z.strictObject({ userId: uuid, kind: z.enum(conflictKinds), reason: trimmedText(1000) });
export type DeclareConflictBody = z.infer<typeof declareConflictBody>;
export type RecordConflictBody = z.infer<typeof recordConflictBody>;

export interface EntryView {
  readonly id: string;
  readonly authorId: string;
  readonly occurredOn: string | null;
  readonly text: string;
  readonly createdAt: string;
}

export interface CompartmentView {
  readonly compartment: Compartment;
  readonly fields: Record<string, unknown>;
  readonly entries: readonly EntryView[];
  readonly updatedAt: string;
}

export interface PanelStructureView {
  readonly referralGround: ReferralGround;
  readonly referredOn: string;
  readonly referringAgencyId: string;
  readonly isRepeat: boolean;
  readonly repeatOfReference: string | null;
  readonly agencyIds: readonly string[];
  readonly investigatingForceId: string | null;
  readonly suspect: { readonly forceId: string; readonly unitId: string | null; readonly isPublicProtection: boolean };
  /**
   * Whether each side works for a police force: the suspect always does; the victim when the case records
   * her employer as one. Her colleagues are then stepped out too.
   */
  readonly policeConnected: { readonly suspect: true; readonly victim: boolean };
  /** Counter-allegations recorded on the case: how many, and when each was received (oldest first). */
  readonly counterAllegations: { readonly count: number; readonly receivedOn: readonly string[] };
}

/** A counter-allegation as the case's panel reads it. */
export interface CounterAllegationView {
  readonly id: string;
  readonly receivedOn: string;
  readonly referringAgencyId: string;
  readonly madeBy: CounterAllegationMaker;
  /** The person's name when it was made by someone with an account; null otherwise. */
  readonly madeByName: string | null;
  readonly alleged: string;
  readonly howReceived: string;
  /** The referral declined at triage because it was recorded here, while it exists. */
  readonly fromReferralReference: string | null;
  readonly recordedAt: string;
}

/** A case as one person may see it: only the compartments the policy admits them to are present. */
export interface CaseView {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly admitted: readonly Compartment[];
  readonly structure?: PanelStructureView;
  readonly compartments: Partial<Record<Compartment, CompartmentView>>;
  /** Compartments admitted but held back until the person proves a second factor again (decision 0029). */
  readonly withheldUntilStepUp?: readonly Compartment[];
}

export interface CaseSummaryView {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly admitted: readonly Compartment[];
}

export interface ConflictView {
  readonly userId: string;
  readonly name: string;
  readonly source: 'declared' | 'recorded' | 'derived';
  readonly reason: string;
  readonly kind: ConflictKind | null;
  readonly note: string | null;
}

export interface AccessView {
  readonly occurredAt: string;
  readonly viewerId: string;
  readonly viewerName: string;
  readonly viewerAgencyId: string;
  readonly compartment: Compartment;
  readonly action: 'read' | 'write';
  readonly channel: string;
  readonly policyVersion: string;
  readonly reason: string;
}
