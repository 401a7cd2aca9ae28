/**
 * Whether the victim agreed to the referral. Without consent, agencies may still share where it is
 * necessary and proportionate, and the reason is recorded.
 */
export const consentDecisions = ['given', 'refused', 'not_asked'] as const;
export type ConsentDecision = (typeof consentDecisions)[number];

/** A referral being written: kept on the server, read only by its author, until it is submitted or deleted. */
export interface ReferralDraft {
  readonly id: string;
  readonly authorId: string;
  readonly content: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
