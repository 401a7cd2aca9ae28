import type { ErrorBody } from '@caseroom/contracts';
import type { ErrorCode, ErrorDetail } from '@caseroom/domain';

/** Domain error codes translated, once, into HTTP statuses. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_INVALID: 401,
  SESSION_REVOKED: 401,
  REFRESH_TOKEN_INVALID: 401,
  SECOND_FACTOR_REQUIRED: 403,
  SECOND_FACTOR_ENROLMENT_REQUIRED: 403,
  STEP_UP_REQUIRED: 403,
  SSO_CALLBACK_INVALID: 401,
  SSO_ACCOUNT_NOT_LINKED: 403,
  FORBIDDEN: 403,
  ROUTE_NOT_DECLARED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SECOND_FACTOR_ALREADY_ENROLLED: 409,
  CONFIDENTIALITY_NOT_ACKNOWLEDGED: 403,
  RATE_LIMITED: 429,
  EPOCH_STALE: 409,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export function errorBody(code: ErrorCode, message: string, details: readonly ErrorDetail[], requestId: string | undefined): ErrorBody {
  return { error: { code, message, ...(details.length > 0 ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}

/**
 * What may be logged about an unexpected error: its kind and where it came from, never its message,
 * which for a database error can quote the values that were being written.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const driver = (error as { driverError?: { code?: string; constraint?: string; table?: string; column?: string } }).driverError;
  const own = error as { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => line.trim());
  return {
    errorName: error.name,
    errorCode: driver?.code ?? (typeof own.code === 'string' ? own.code : undefined),
    constraint: driver?.constraint ?? (typeof own.constraint === 'string' ? own.constraint : undefined),
    table: driver?.table ?? (typeof own.table === 'string' ? own.table : undefined),
    stack: frames,
  };
}
