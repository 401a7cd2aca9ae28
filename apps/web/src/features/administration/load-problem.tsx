import { Link } from 'react-router';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/query';

/** The first failure among a screen's reads, a refusal (403) before anything else. */
export function firstProblem(...errors: readonly unknown[]): unknown {
  const failed = errors.filter((error) => error !== null && error !== undefined);
  return failed.find((error) => error instanceof ApiError && error.status === 403) ?? failed[0] ?? null;
}

/**
 * Why an administration screen cannot be shown. A refusal says plainly that these screens are for
 * administrators; nothing of what was asked for is shown.
 */
export function LoadProblem({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 403) {
    return (
      <section className="card refusal" role="alert" aria-labelledby="refusal-heading">
        <h2 id="refusal-heading">Administration is for administrators</h2>
        <p>Caseroom refused this screen: {error.message}</p>
        <p>
          Agencies, units and people are managed by people with the administrator role. If something here needs to change, ask an
          administrator.
        </p>
        <p>
          <Link to="/">Back to your conferences</Link>
        </p>
      </section>
    );
  }
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
