import { z } from 'zod';
import { trimmedText } from './common.schema';

/** Setting or releasing a legal hold: why, in words, always. */
export const legalHoldBody = z.strictObject({ reason: trimmedText(1000) });
export type LegalHoldBody = z.infer<typeof legalHoldBody>;

export type RetentionKindView = 'case_content' | 'notes' | 'minutes' | 'access_log';

/** A case's retention, for the people who may place it under a legal hold: dates and who, never content. */
export interface CaseRetentionView {
  readonly caseId: string;
  readonly closedOn: string | null;
  readonly kinds: readonly {
    readonly kind: RetentionKindView;
    readonly days: number;
    readonly dueOn: string | null;
    readonly erasedAt: string | null;
  }[];
  readonly hold: { readonly reason: string; readonly setByName: string; readonly setAt: string } | null;
  readonly canManageHold: boolean;
}

/** The configured periods, for the administration screen. */
export interface RetentionPeriodsView {
  readonly periods: readonly { readonly kind: RetentionKindView; readonly days: number }[];
}
