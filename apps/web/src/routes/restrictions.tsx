import type { RestrictionView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { clockInWords, formatDate, wordsFor } from '../lib/words';
import { RestrictionActions } from '../features/restrictions/restriction-actions';
import { RestrictionRequest } from '../features/restrictions/restriction-request';
import { VictimStatusWork } from '../features/restrictions/victim-status-work';
import { useSession } from '../session';

/** Professional standards: the queue of requests and proposals, the force's register with review dates, and the status for each victim. */
export function RestrictionsRoute() {
  useScreenTitle('Duty restrictions');
  const { me } = useSession();
  const queue = useApiQuery<RestrictionView[]>(['restrictions', 'queue'], '/api/restrictions/queue');
  const register = useApiQuery<RestrictionView[]>(['restrictions', 'register', me.agencyId], `/api/forces/${me.agencyId}/register`);
  const changed = () => {
    void queue.refetch();
    void register.refetch();
  };

  return (
    <>
      <h1 tabIndex={-1}>Duty restrictions</h1>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Queue</h2>
        <p className="hint">
          Requests from conferences, and proposals to apply a suspension, decline or lift that need a second officer. The most overdue come
          first.
        </p>
        {queue.error && (
          <p className="error" role="alert">
            {errorMessage(queue.error)}
          </p>
        )}
        {queue.data && queue.data.length === 0 && <p>Nothing waits for professional standards.</p>}
        <ul style={{ listStyle: 'none', padding: 0 }} data-testid="restriction-queue">
          {(queue.data ?? []).map((restriction) => (
            <li key={restriction.id} className="card">
              <h3>
                {restriction.reference}: {wordsFor(restriction.kind)}
              </h3>
              <p>
                <span className="badge">{wordsFor(restriction.status)}</span> · requested {formatDate(restriction.requestedOn)}
              </p>
              {restriction.record && <p>Applied: {restriction.record.kinds.map(wordsFor).join('; ')}</p>}
              {restriction.clocks.length > 0 && (
                <ul className="clocks">
                  {restriction.clocks.map((clock) => (
                    <li key={clock.clock} className={clock.workingDaysLeft < 0 ? 'error' : undefined}>
                      {clock.workingDaysLeft < 0 ? <strong>{clockInWords(clock)}</strong> : clockInWords(clock)}
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to={`/restrictions/${restriction.id}`}>Record and history</Link>
                {' · '}
                <Link to={`/cases/${restriction.caseId}/access`}>Who has seen {restriction.reference}</Link>
              </p>
              <RestrictionRequest restrictionId={restriction.id} />
              <RestrictionActions restriction={restriction} onChanged={changed} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="register-heading">
        <h2 id="register-heading">Register</h2>
        {register.error && (
          <p className="error" role="alert">
            {errorMessage(register.error)}
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
                    <td>
                      <Link to={`/restrictions/${restriction.id}`}>{restriction.reference}</Link>
                    </td>
                    <td>{(restriction.record?.kinds ?? [restriction.kind]).map(wordsFor).join('; ')}</td>
                    <td>{wordsFor(restriction.status)}</td>
                    <td>{restriction.legalBasis ? wordsFor(restriction.legalBasis) : '—'}</td>
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
      <VictimStatusWork />
    </>
  );
}
