import type { RestrictionView } from '@caseroom/contracts';
import { Link, useScreenTitle } from '../lib/router';
import { formatDate, humanise, useResource } from '../lib/use-resource';
import { RestrictionActions } from '../features/restrictions/restriction-actions';
import { useSession } from '../session';

/** Professional standards: the queue of requests and proposals, and the force's register with review dates. */
export function RestrictionsRoute() {
  useScreenTitle('Duty restrictions');
  const { api, me } = useSession();
  const queue = useResource(() => api.get<RestrictionView[]>('/api/restrictions/queue'), [api]);
  const register = useResource(() => api.get<RestrictionView[]>(`/api/forces/${me.agencyId}/register`), [api, me.agencyId]);
  const changed = () => {
    queue.reload();
    register.reload();
  };

  return (
    <>
      <h1 tabIndex={-1}>Duty restrictions</h1>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Queue</h2>
        <p className="hint">Requests from conferences, and proposals to decline or lift that need a second officer.</p>
        {queue.error && (
          <p className="error" role="alert">
            {queue.error}
          </p>
        )}
        {queue.data && queue.data.length === 0 && <p>Nothing waits for professional standards.</p>}
        <ul style={{ listStyle: 'none', padding: 0 }} data-testid="restriction-queue">
          {(queue.data ?? []).map((restriction) => (
            <li key={restriction.id} className="card">
              <h3>
                {restriction.reference}: {humanise(restriction.kind)}
              </h3>
              <p>
                <span className="badge">{humanise(restriction.status)}</span>
                {restriction.nextReviewOn && ` · review due ${formatDate(restriction.nextReviewOn)}`}
                {restriction.isReviewOverdue && <strong className="error"> · review overdue</strong>}
              </p>
              <p>
                <Link href={`/cases/${restriction.caseId}/access`}>Who has seen {restriction.reference}</Link>
              </p>
              <RestrictionActions restriction={restriction} onChanged={changed} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="register-heading">
        <h2 id="register-heading">Register</h2>
        {register.error && (
          <p className="error" role="alert">
            {register.error}
          </p>
        )}
        {register.data && register.data.length === 0 && <p>No restriction is recorded for this force.</p>}
        {register.data && register.data.length > 0 && (
          <div className="table-scroll">
            <table data-testid="restriction-register">
              <caption className="visually-hidden">Duty restrictions of this force</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Restriction</th>
                  <th scope="col">Status</th>
                  <th scope="col">Legal basis</th>
                  <th scope="col">In effect from</th>
                  <th scope="col">Next review</th>
                </tr>
              </thead>
              <tbody>
                {register.data.map((restriction) => (
                  <tr key={restriction.id}>
                    <td>{restriction.reference}</td>
                    <td>{humanise(restriction.kind)}</td>
                    <td>{humanise(restriction.status)}</td>
                    <td>{restriction.legalBasis ? humanise(restriction.legalBasis) : '—'}</td>
                    <td>{formatDate(restriction.effectiveOn)}</td>
                    <td>
                      {formatDate(restriction.nextReviewOn)}
                      {restriction.isReviewOverdue && <strong className="error"> (overdue)</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
