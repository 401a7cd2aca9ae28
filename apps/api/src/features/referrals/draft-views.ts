import type { ReferralDraftBody, ReferralDraftSummaryView, ReferralDraftView } from '@caseroom/contracts';
import type { ReferralDraft } from '@caseroom/domain';

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

export const toDraftSummary = (draft: ReferralDraft): ReferralDraftSummaryView => {
  const content = draft.content as ReferralDraftBody;
  return {
    id: draft.id,
    victimPseudonym: textOrNull(content.victim?.pseudonym),
    referredOn: textOrNull(content.referral?.referredOn),
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
  };
};

export const toDraftView = (draft: ReferralDraft): ReferralDraftView => ({
  ...toDraftSummary(draft),
  content: draft.content,
});
