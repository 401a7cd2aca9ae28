import type { RetentionPeriodsView } from '@caseroom/contracts';
import { useApiQuery } from '../../lib/query';
import { useScreenTitle } from '../../lib/screen-title';
import { formatPeriod, wordsFor } from '../../lib/words';
import { LoadProblem } from '../../features/administration/load-problem';

/** How long each kind of a closed case's records is kept: read from the configuration, set by the force's IG team. */
export function RetentionRoute() {
  useScreenTitle('Retention');
  const periods = useApiQuery<RetentionPeriodsView>(['retention', 'periods'], '/api/retention/periods');
  return (
    <>
      <h1 tabIndex={-1}>Retention</h1>
      {periods.error ? (
        <LoadProblem error={periods.error} />
      ) : (
        <section className="card" aria-labelledby="periods-heading">
          <h2 id="periods-heading">How long records are kept after a case closes</h2>
          <p className="hint">
            Your information governance team sets these periods in the configuration (RETENTION_CASE_CONTENT_DAYS and the others). When a
            period has passed, that kind of record is erased, unless a coordinator or professional standards set a legal hold on the case.
            Each erasure is recorded; the case&rsquo;s reference, status and dates remain.
          </p>
          {periods.data && (
            <table>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Kept after closure</th>
                </tr>
              </thead>
              <tbody>
                {periods.data.periods.map((period) => (
                  <tr key={period.kind}>
                    <th scope="row">{wordsFor(period.kind)}</th>
                    <td>{formatPeriod(period.days)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
