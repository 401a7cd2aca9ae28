import type { CaseSummaryView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { wordsFor } from '../lib/words';
import { compartmentLabels } from '../features/notes/compartments';

/** The cases this person takes part in, by neutral reference, as the server listed them for them. */
export function CasesRoute() {
  useScreenTitle('Cases');
  const cases = useApiQuery<CaseSummaryView[]>(['cases'], '/api/cases');
  return (
    <>
      <h1 tabIndex={-1}>Cases</h1>
      {cases.isLoading && <p role="status">Loading cases…</p>}
      {cases.error && (
        <p className="error" role="alert">
          {errorMessage(cases.error)}
        </p>
      )}
      {cases.data && cases.data.length === 0 && <p>You take part in no case.</p>}
      {cases.data && cases.data.length > 0 && (
        <div className="table-scroll card">
          <table data-testid="cases">
            <caption className="visually-hidden">Cases you take part in</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Status</th>
                <th scope="col">What you may see</th>
              </tr>
            </thead>
            <tbody>
              {cases.data.map((summary) => (
                <tr key={summary.id}>
                  <td>
                    <Link to={`/cases/${summary.id}`}>{summary.reference}</Link>
                  </td>
                  <td>{wordsFor(summary.status)}</td>
                  <td>{summary.admitted.map((compartment) => compartmentLabels[compartment]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
