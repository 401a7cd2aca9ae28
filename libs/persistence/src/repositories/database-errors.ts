import { conflict } from '@caseroom/domain';

interface PostgresError {
  readonly code?: string;
  readonly constraint?: string;
  /** Set on an error the database itself answered (with its SQLSTATE in `code`). */
  readonly severity?: string;
}

function postgresError(error: unknown): PostgresError {
  const candidate = error as { driverError?: PostgresError } & PostgresError;
  return candidate?.driverError ?? candidate ?? {};
}

/**
 * Turns a unique or foreign-key violation into a domain conflict that names the field, never the value.
 * `fields` maps a constraint name to the request field it guards.
 */
export function rethrowConstraint(error: unknown, fields: Readonly<Record<string, string>>): never {
  const { code, constraint } = postgresError(error);
  if (constraint && constraint in fields) {
    const field = fields[constraint];
    if (code === '23505')
      throw conflict(`Another record already uses this ${field}.`, [{ path: `body.${field}`, message: 'already in use' }]);
    if (code === '23503')
      throw conflict(`This ${field} is still referred to, or refers to nothing.`, [
        { path: `body.${field}`, message: 'reference not allowed' },
      ]);
  }
  throw error;
}

/** Whether the error is a unique violation of this constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const found = postgresError(error);
  return found.code === '23505' && found.constraint === constraint;
}

/** SQLSTATE classes of a failure of the connection or the server, not of a statement: 08, 53, 57, 58. */
const serverClasses = new Set(['08', '53', '57', '58']);

/**
 * Whether the database refused the statement itself (its data, a constraint, its text): something one
 * item of a batch can be the cause of. Not a lost connection, a server shutting down or out of resources.
 */
export function isStatementRefused(error: unknown): boolean {
  const { code, severity } = postgresError(error);
  return typeof code === 'string' && severity !== undefined && !serverClasses.has(code.slice(0, 2));
}

/** The rows of an UPDATE ... RETURNING, which node-postgres answers through TypeORM as [rows, count] (PGlite as rows). */
export function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
