import { z } from 'zod';
import {
  actionStatuses,
  agencyPositions,
  compartments,
  decisionKinds,
  iopcReferralCriteria,
  legalBases,
  noticeMethods,
  presumingOffences,
  regulation11Grounds,
  restrictionKinds,
  reviewCycles,
  reviewOutcomes,
  type ActionStatus,
  type AgencyPosition,
  type AllegationKind,
  type Compartment,
  type DecisionKind,
  type IopcReferralCriterion,
  type LegalBasis,
  type NotificationKind,
  type RestrictingKind,
  type RestrictionClock,
  type RestrictionRecord,
  type RestrictionStatus,
  type RestrictionStep,
  type ReviewCycle,
} from '@caseroom/domain';
import { choiceOf, isoDate, trimmedText, uuid } from './common.schema';

const compartment = z.enum(compartments).default('panel');
const positions = z
  .array(z.strictObject({ agencyId: uuid, position: z.enum(agencyPositions), note: trimmedText(1000).nullable().default(null) }))
  .max(50)
  .refine((list) => new Set(list.map((entry) => entry.agencyId)).size === list.length, 'must give each agency one position');

const common = {
  conferenceId: uuid,
  compartment,
  rationale: trimmedText(5000),
  optionsConsidered: trimmedText(5000).nullable().default(null),
  positions,
};

/** What each kind needs beyond the common fields. */
const extras = {
  remove_from_public_protection: {},
  no_unsupervised_contact: {},
  restrict_system_access: { systems: trimmedText(500) },
  management_restricted_duties: {},
  recommend_suspension: {},
  refer_to_iopc: {
    iopcCriteria: z
      .array(z.enum(iopcReferralCriteria))
      .max(iopcReferralCriteria.length)
      .refine((list) => new Set(list).size === list.length, 'must not repeat a criterion'),
  },
  investigation_by_another_force: { forceId: uuid },
  vetting_review: {},
  victim_safeguarding: {},
  no_further_action: {},
} satisfies Record<DecisionKind, z.ZodRawShape>;

const variants = <S extends z.ZodRawShape>(more: S) =>
  (Object.entries(extras) as [DecisionKind, z.ZodRawShape][]).map(([kind, extra]) =>
    z.strictObject({ kind: z.literal(kind), ...common, ...extra, ...more }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]];

/**
 * Every field any kind may carry: checked first, so that an unknown field is named as such rather than
 * hidden behind "which kind is this?".
 */
const anyKind = <S extends z.ZodRawShape>(more: S) =>
  z.strictObject({
    kind: choiceOf(decisionKinds),
    ...common,
    ...Object.fromEntries(
      Object.values(extras).flatMap((extra) => Object.entries(extra).map(([key, schema]) => [key, (schema as z.ZodType).optional()])),
    ),
    ...more,
  });

const recordEnvelope = anyKind({});
const supersedeEnvelope = anyKind({ reason: trimmedText(2000) });

/** A decision as the chair records it; the fields beyond the common ones depend on its kind. */
export const recordDecisionBody = recordEnvelope.pipe(
  z.discriminatedUnion('kind', variants({})) as unknown as z.ZodType<RecordDecisionBody, z.output<typeof recordEnvelope>>,
);
/** A correction: a whole new decision, and why it replaces the earlier one. */
export const supersedeDecisionBody = supersedeEnvelope.pipe(
  z.discriminatedUnion('kind', variants({ reason: trimmedText(2000) })) as unknown as z.ZodType<
    SupersedeDecisionBody,
    z.output<typeof supersedeEnvelope>
  >,
);

export interface RecordDecisionBody {
  readonly kind: DecisionKind;
  readonly conferenceId: string;
  readonly compartment: Compartment;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly positions: readonly { agencyId: string; position: AgencyPosition; note: string | null }[];
  readonly systems?: string;
  readonly iopcCriteria?: readonly IopcReferralCriterion[];
  readonly forceId?: string;
}
export interface SupersedeDecisionBody extends RecordDecisionBody {
  readonly reason: string;
}

/** What the panel sees of a restriction: its status and next review, never PSD's detail. */
export interface RestrictionStatusView {
  readonly restrictionId: string;
  readonly decisionId: string;
  readonly status: RestrictionStatus;
  readonly nextReviewOn: string | null;
}

export interface DecisionView {
  readonly id: string;
  readonly caseId: string;
  readonly conferenceId: string;
  readonly kind: DecisionKind;
  readonly compartment: Compartment;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly details: { readonly systems?: string; readonly iopcCriteria?: readonly IopcReferralCriterion[]; readonly forceId?: string };
  readonly positions: readonly { agencyId: string; position: AgencyPosition; note: string | null }[];
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly supersedesId: string | null;
  readonly supersedeReason: string | null;
  readonly supersededById: string | null;
  readonly hash: string;
  readonly restriction: RestrictionStatusView | null;
}

export interface CandidateForceView {
  readonly id: string;
  readonly name: string;
  readonly code: string;
}

export const recordActionBody = z.strictObject({
  conferenceId: uuid,
  compartment,
  text: trimmedText(2000),
  ownerAgencyId: uuid,
  ownerUserId: uuid.nullable().default(null),
  dueOn: isoDate,
});
export type RecordActionBody = z.infer<typeof recordActionBody>;

export const reportOnActionBody = z.strictObject({ status: z.enum(actionStatuses), note: trimmedText(2000) });
export type ReportOnActionBody = z.infer<typeof reportOnActionBody>;

export interface ActionView {
  readonly id: string;
  readonly caseId: string;
  readonly conferenceId: string | null;
  readonly compartment: Compartment;
  readonly text: string;
  readonly ownerAgencyId: string;
  readonly ownerUserId: string | null;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly isOverdue: boolean;
  readonly updates: readonly { status: ActionStatus; note: string; byId: string; at: string }[];
}

/** An action in the tracker between meetings: its case's reference, and its owners and reporters by name. */
export interface TrackedActionView extends ActionView {
  readonly reference: string;
  readonly ownerAgencyName: string;
  readonly ownerName: string | null;
  readonly updates: readonly { status: ActionStatus; note: string; byId: string; byName: string; at: string }[];
}

/** Incomplete actions from earlier meetings, by agenda item, as the next meeting starts. */
export interface OutstandingActionsView {
  readonly itemId: string;
  readonly reference: string;
  readonly caseId: string;
  readonly actions: readonly ActionView[];
}

const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

/**
 * What PSD record when applying a restriction (DOMAIN.md, duty restriction). The rules between fields
 * that need no calendar are here, so the browser refuses what the server would; the working-day and
 * regulation 11B/11C rules, which depend on the calendar and the deployment, are the server's.
 */
export const applyRestrictionBody = z
  .strictObject({
    kinds: z
      .array(z.enum(restrictionKinds))
      .min(1, 'choose at least one kind of restriction')
      .max(restrictionKinds.length)
      .refine(unique, 'must not repeat a kind'),
    namedSystem: trimmedText(500).nullable().default(null),
    otherKind: trimmedText(500).nullable().default(null),
    effectiveOn: isoDate,
    conditions: trimmedText(5000),
    legalBasis: choiceOf(legalBases),
    /** Regulation 11's conditions: redeployment considered and judged inappropriate, and at least one ground. */
    isRedeploymentInappropriate: z.boolean().default(false),
    regulation11Grounds: z
      .array(z.enum(regulation11Grounds))
      .max(regulation11Grounds.length)
      .refine(unique, 'must not repeat a ground')
      .default([]),
    reviewCycle: choiceOf(reviewCycles).default('standard'),
    decisionMaker: trimmedText(200),
    noticeMethod: choiceOf(noticeMethods),
    toldOn: isoDate,
    writtenNoticeOn: isoDate.nullable().default(null),
    rationale: trimmedText(5000),
    alternatives: trimmedText(5000),
    representations: trimmedText(5000).nullable().default(null),
    isIopcConsulted: z.boolean().default(false),
    iopcConsultedOn: isoDate.nullable().default(null),
    arrestFor: choiceOf(presumingOffences).nullable().default(null),
    presumptionRebutted: trimmedText(5000).nullable().default(null),
  })
  .superRefine((body, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (body.kinds.includes('system_access_restriction') && !body.namedSystem) problem('namedSystem', 'name the system or record');
    if (!body.kinds.includes('system_access_restriction') && body.namedSystem)
      problem('namedSystem', 'only for a system-access restriction');
    if (body.kinds.includes('other') && !body.otherKind) problem('otherKind', 'describe the other restriction');
    if (!body.kinds.includes('other') && body.otherKind) problem('otherKind', 'only for another kind of restriction');
    if (body.legalBasis === 'regulation_11_suspension') {
      if (!body.isRedeploymentInappropriate)
        problem('isRedeploymentInappropriate', 'regulation 11 needs redeployment considered and judged inappropriate');
      if (body.regulation11Grounds.length === 0)
        problem('regulation11Grounds', 'regulation 11 needs the investigation prejudiced or the public interest');
    } else if (body.isRedeploymentInappropriate || body.regulation11Grounds.length > 0)
      problem('regulation11Grounds', 'only for a suspension under regulation 11');
    if (body.noticeMethod === 'in_writing' && body.writtenNoticeOn && body.writtenNoticeOn !== body.toldOn)
      problem('writtenNoticeOn', 'told in writing: the written notice is the day they were told');
    if (body.isIopcConsulted && !body.iopcConsultedOn) problem('iopcConsultedOn', 'give the date the IOPC was consulted');
    if (!body.isIopcConsulted && body.iopcConsultedOn) problem('iopcConsultedOn', 'only when the IOPC was consulted');
    if (!body.arrestFor && body.presumptionRebutted) problem('presumptionRebutted', 'only after an arrest that presumes suspension');
  });
export type ApplyRestrictionBody = z.infer<typeof applyRestrictionBody>;

export const reviewRestrictionBody = z.strictObject({
  reviewedOn: isoDate,
  outcome: choiceOf(reviewOutcomes).default('continue'),
  note: trimmedText(5000),
  conditions: trimmedText(5000).optional(),
});
export type ReviewRestrictionBody = z.infer<typeof reviewRestrictionBody>;

/** The written notice, when the officer was first told orally. */
export const writtenNoticeBody = z.strictObject({ writtenOn: isoDate });
export type WrittenNoticeBody = z.infer<typeof writtenNoticeBody>;

export const liftRestrictionBody = z.strictObject({ liftedOn: isoDate, reason: trimmedText(5000) });
export const declineRestrictionBody = z.strictObject({ reason: trimmedText(5000) });
export const answerProposalBody = z.strictObject({ note: trimmedText(2000).nullable().default(null) });

export interface RestrictionView {
  readonly id: string;
  readonly caseId: string;
  readonly reference: string;
  readonly decisionId: string;
  readonly kind: RestrictingKind;
  readonly status: RestrictionStatus;
  readonly requestedOn: string;
  readonly effectiveOn: string | null;
  readonly conditions: string | null;
  readonly legalBasis: LegalBasis | null;
  readonly reviewCycle: ReviewCycle | null;
  readonly nextReviewOn: string | null;
  readonly isReviewOverdue: boolean;
  readonly endedOn: string | null;
  readonly proposedBy: string | null;
  /** What PSD recorded on applying it; null until then. */
  readonly record: RestrictionRecord | null;
  /** The clocks running today, the most urgent first. */
  readonly clocks: readonly RestrictionClock[];
}

/**
 * What professional standards receive with a restriction request: the conference's decision (its
 * rationale, the options considered, each agency's position) where the decision's compartment admits the
 * reader, and the allegation kinds and risk summary where the panel's does. Each part the policy does not
 * admit is null, never filled in.
 */
export interface RestrictionRequestView {
  readonly restrictionId: string;
  readonly reference: string;
  readonly conference: { readonly id: string; readonly title: string; readonly scheduledAt: string } | null;
  readonly decision: {
    readonly id: string;
    readonly kind: DecisionKind;
    readonly rationale: string;
    readonly optionsConsidered: string | null;
    readonly positions: readonly {
      readonly agencyId: string;
      readonly agencyName: string;
      readonly position: AgencyPosition;
      readonly note: string | null;
    }[];
    readonly recordedAt: string;
    /** Whether the conference has since superseded it (the restriction is then withdrawn or up for review). */
    readonly isSuperseded: boolean;
  } | null;
  readonly panel: {
    readonly allegationKinds: readonly AllegationKind[];
    readonly riskSummary: string | null;
  } | null;
}

export interface RestrictionEventView {
  readonly id: string;
  readonly step: RestrictionStep;
  readonly byId: string;
  /** Who took the step, by name (on one restriction's history). */
  readonly byName?: string;
  readonly occurredAt: string;
  readonly detail: Record<string, unknown>;
  readonly hash: string;
}

/** The 2022 report's audit of live PPDA cases: one line per open case of the force. */
export interface PpdaAuditLineView {
  readonly caseId: string;
  readonly reference: string;
  readonly status: string;
  readonly restrictions: readonly {
    readonly kind: RestrictingKind;
    readonly status: RestrictionStatus;
    readonly nextReviewOn: string | null;
  }[];
  readonly overdueReviews: number;
  readonly overdueActions: number;
}

export interface NotificationView {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly caseId: string | null;
  readonly subjectId: string;
  readonly message: string;
  readonly dueOn: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}
