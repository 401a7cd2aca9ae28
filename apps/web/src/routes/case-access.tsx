import type { AccessView } from '@caseroom/contracts';
import { useParams } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';
import { compartmentLabels } from '../features/notes/compartments';
import { useSession } from '../session';

/** "Who has seen this case": the access log, for the chair, PSD of the force concerned and the IOPC. */
export function CaseAccessRoute() {
  const { caseId = '' } = useParams();
  useScreenTitle('Who has seen this case');
  const { agencyName } = useSession();
  const log = useApiQuery<AccessView[]>(['case', caseId, 'access-log'], `/api/cases/${caseId}/access-log`);
  const lines = [...(log.data ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <>
      <h1 tabIndex={-1}>Who has seen this case</h1>
      <p>
        <button type="button" className="link" onClick={() => window.history.back()}>
          Back
        </button>
      </p>
      {log.isLoading && <p role="status">Loading the access log…</p>}
      {log.error && (
        <p className="error" role="alert">
          {errorMessage(log.error)}
        </p>
      )}
      {log.data && (
        <div className="table-scroll card">
          <table data-testid="access-log">
            <caption className="visually-hidden">Every view and change of this case's content</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Agency</th>
                <th scope="col">Compartment</th>
                <th scope="col">Action</th>
                <th scope="col">Channel</th>
                <th scope="col">Why admitted</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => (
                <tr key={`${line.occurredAt}-${index}`}>
                  <td>{formatDateTime(line.occurredAt)}</td>
                  <td>{line.viewerName}</td>
                  <td>{agencyName(line.viewerAgencyId)}</td>
                  <td>{compartmentLabels[line.compartment]}</td>
                  <td>{wordsFor(line.action)}</td>
                  <td>{wordsFor(line.channel)}</td>
                  <td>{line.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
