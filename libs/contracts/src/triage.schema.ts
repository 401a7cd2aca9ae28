import { z } from 'zod';
import { caseStatuses, type CaseStatus, type ReferralGround } from '@caseroom/domain';
import { isoDate, trimmedText, uuid } from './common.schema';

export const triagePageSize = 20;
export const triageSortOrders = ['newest', 'oldest'] as const;
export type TriageSortOrder = (typeof triageSortOrders)[number];

const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The coordinator's search of cases: each filter optional, a page of rows at a time, by referral date. */
export const triageQuery = z
  .strictObject({
    reference: z.preprocess(blankAsAbsent, z.string().trim().max(20, 'must be at most 20 characters').optional()),
    status: z.preprocess(blankAsAbsent, z.enum(caseStatuses, { message: `must be one of ${caseStatuses.join(', ')}` }).optional()),
    referredFrom: z.preprocess(blankAsAbsent, isoDate.optional()),
    referredTo: z.preprocess(blankAsAbsent, isoDate.optional()),
    referringAgencyId: z.preprocess(blankAsAbsent, uuid.optional()),
    suspectForceId: z.preprocess(blankAsAbsent, uuid.optional()),
    isRepeat: z.preprocess(
      blankAsAbsent,
      z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .transform((value) => value === 'true')
        .optional(),
    ),
    sort: z.preprocess(blankAsAbsent, z.enum(triageSortOrders, { message: 'must be newest or oldest' }).default('newest')),
    page: z.preprocess(
      blankAsAbsent,
      z.coerce.number({ message: 'must be a page number' }).int('must be a page number').min(1).max(100_000).default(1),
    ),
  })
  .refine((query) => !query.referredFrom || !query.referredTo || query.referredFrom <= query.referredTo, {
    message: 'must not be before referredFrom',
    path: ['referredTo'],
  });
export type TriageQuery = z.infer<typeof triageQuery>;

/** Triage's decision on a referral. Declining needs the reason; accepting may give one. */
export const triageDecisionBody = z
  .strictObject({
    outcome: z.enum(['accepted', 'declined'], { message: 'must be accepted or declined' }),
    reason: trimmedText(2000).nullable().default(null),
  })
  .refine((body) => body.outcome !== 'declined' || body.reason !== null, { message: 'give the reason for declining', path: ['reason'] });
export type TriageDecisionBody = z.infer<typeof triageDecisionBody>;

/**
 * Triage's other answer to a referral whose victim is the suspect of an existing case: recorded as a
 * counter-allegation on that case (named by its reference) instead of being accepted as a case.
 */
export const counterAllegationTriageBody = z.strictObject({
  originalReference: z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters'),
});
export type CounterAllegationTriageBody = z.infer<typeof counterAllegationTriageBody>;

/** One case in the coordinator's list, as the policy lets the viewer see it: structure, never the victim's or suspect's details. */
export interface TriageRowView {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly referredOn: string;
  readonly referralGround: ReferralGround;
  readonly dashScore: number | null;
  readonly referringAgencyId: string;
  readonly suspectForceId: string;
  readonly isRepeat: boolean;
  /** The earlier case's reference, when the viewer may see that case too. */
  readonly repeatOfReference: string | null;
  /**
   * A referral waiting for triage whose victim is the suspect of these cases (their references, those the
   * viewer may see): it may be a counter-allegation, to be recorded on one of them.
   */
  readonly counterAllegationOf: readonly string[];
}

export interface TriagePageView {
  readonly items: readonly TriageRowView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}
