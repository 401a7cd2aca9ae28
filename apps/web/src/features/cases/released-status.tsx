import type { VictimStatusView } from '@caseroom/contracts';
import { useApiResource } from '../../lib/query';
import { formatDateTime } from '../../lib/words';

/** What professional standards released for the victim, for the IDVA to pass on: the status now, and what it superseded. */
export function ReleasedStatus({ caseId }: { caseId: string }) {
  const status = useApiResource<VictimStatusView>(['case', caseId, 'victim-status'], `/api/cases/${caseId}/victim-status`);
  return (
    <section className="card" aria-labelledby="released-status-heading">
      <h2 id="released-status-heading">Status from professional standards</h2>
      <p className="hint">
        In plain words, for the IDVA to pass on to the victim. Professional standards write it and decide when to release it.
      </p>
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      {status.data && !status.data.current && <p>Professional standards have released no status for the victim yet.</p>}
      {status.data?.current && (
        <div data-testid="released-status">
          <p className="muted">Released {formatDateTime(status.data.current.releasedAt)}</p>
          <blockquote className="released-text">{status.data.current.text}</blockquote>
        </div>
      )}
      {status.data && status.data.earlier.length > 0 && (
        <details>
          <summary>Earlier statuses ({status.data.earlier.length}), superseded</summary>
          <ul className="record-list">
            {status.data.earlier.map((earlier) => (
              <li key={earlier.id}>
                <p className="muted">Released {formatDateTime(earlier.releasedAt)}</p>
                <p>{earlier.text}</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
