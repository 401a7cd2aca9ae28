import { z } from 'zod';
import type { AccessChannel, ExposureAlertKind, RefusedAttempt } from '@caseroom/domain';

/** Professional standards (or the IOPC) acknowledge an alert and record what they did about it. */
export const acknowledgeAlertBody = z.strictObject({
  actionTaken: z.string().trim().min(1, 'say what you did about it').max(4000, 'must be at most 4000 characters'),
});
export type AcknowledgeAlertBody = z.infer<typeof acknowledgeAlertBody>;
export type AcknowledgeAlertInput = z.input<typeof acknowledgeAlertBody>;

/** An exposure alert as professional standards and the IOPC see it: a reference, who, when, how; never content. */
export interface ExposureAlertView {
  readonly id: string;
  readonly kind: ExposureAlertKind;
  /** The case's neutral reference, for an attempt on one case. */
  readonly reference: string | null;
  readonly personName: string;
  readonly personAgencyName: string;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly attempts: number;
  readonly channels: readonly AccessChannel[];
  readonly attemptKinds: readonly RefusedAttempt[];
  /** The policy's reason for the first refusal, e.g. `conflict:same-unit-as-suspect`. */
  readonly reason: string;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedByName: string | null;
  readonly actionTaken: string | null;
}
