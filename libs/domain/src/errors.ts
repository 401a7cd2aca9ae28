/**
 * Every failure a person can meet is named here once. Messages never carry case content:
 * they describe what went wrong with the request, not what the system holds.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_ENROLMENT_REQUIRED',
  'SECOND_FACTOR_INVALID',
  'SECOND_FACTOR_ALREADY_ENROLLED',
  'STEP_UP_REQUIRED',
  'SSO_CALLBACK_INVALID',
  'SSO_ACCOUNT_NOT_LINKED',
  'CONFIDENTIALITY_NOT_ACKNOWLEDGED',
  'SESSION_REVOKED',
  'REFRESH_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'EPOCH_STALE',
  'ROUTE_NOT_DECLARED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorDetail {
  /** Where in the request the problem is, e.g. `body.email`. Never a stored value. */
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('NOT_FOUND', `${what} was not found.`);

export const conflict = (message: string, details: readonly ErrorDetail[] = []): DomainError =>
  new DomainError('CONFLICT', message, details);

export const invalid = (message: string, details: readonly ErrorDetail[] = []): DomainError =>
  new DomainError('VALIDATION_FAILED', message, details);

/**
 * Runs independent checks side by side and, when some fail, throws the failure of the first in the
 * order given: the answer a caller gets does not depend on which query happened to finish first.
 */
export async function allInOrder<T extends readonly unknown[]>(checks: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(checks as readonly Promise<unknown>[]);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
