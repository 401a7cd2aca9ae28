import { useSearchParams } from 'react-router';
import { restrictingKinds, type PpdaAuditRowView, type PpdaAuditView } from '@caseroom/contracts';
import { AuditFilters, noAuditFilters, type AuditFilterValues } from '../features/reports/audit-filters';
import { BarChart } from '../features/reports/bar-chart';
import { RecordedAs } from '../features/reports/recorded-as';
import { ReportDownloads } from '../features/reports/report-downloads';
import { ApiError } from '../lib/api-client';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate, wordsFor } from '../lib/words';

const filterNames = Object.keys(noAuditFilters) as (keyof AuditFilterValues)[];

/** The force's audit of its PPDA cases, for its professional standards and the IOPC: figures, charts, every case, and files. */
export function PpdaAuditRoute() {
  useScreenTitle('PPDA audit');
  const [params, setParams] = useSearchParams();
  const audit = useApiQuery<PpdaAuditView>(['reports', 'ppda-audit', params.toString()], `/api/reports/ppda-audit?${params.toString()}`);
  const initial = Object.fromEntries(
    filterNames.map((name) => [name, params.get(name) ?? noAuditFilters[name]]),
  ) as unknown as AuditFilterValues;
  const filter = (values: AuditFilterValues) => {
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const value = values[name];
      if (value && value !== noAuditFilters[name]) next.set(name, value);
    }
    setParams(next);
  };
  const refusal =
    audit.error instanceof ApiError ? audit.error.details.map((detail) => `${detail.path.replace('query.', '')}: ${detail.message}`) : [];
  const view = audit.data;

  return (
    <>
      <h1 tabIndex={-1}>PPDA audit</h1>
      <p className="muted">
        Every live case of police-perpetrated domestic abuse, and those finished in the last 12 months: the suspect’s role, the duty
        restrictions and their review dates, and how each was recorded. Cases you are linked to are not part of it.
      </p>
      {audit.isLoading && <p role="status">Drawing up the audit…</p>}
      {audit.error && (
        <div className="error" role="alert">
          <p>{errorMessage(audit.error)}</p>
          {refusal.length > 0 && (
            <ul>
              {refusal.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view && (
        <>
          <AuditFilters key={params.toString()} initial={initial} forces={view.forces} onFilter={filter} />
          <AuditSummary view={view} />
          <ReportDownloads path="/api/reports/ppda-audit" params={params} formats={['csv', 'pdf']} />
          <AuditTable rows={view.rows} />
        </>
      )}
    </>
  );
}

function AuditSummary({ view }: { view: PpdaAuditView }) {
  const { summary } = view;
  const median = summary.medianDaysToRestriction === null ? 'No restriction applied' : `${summary.medianDaysToRestriction} days`;
  return (
    <section className="card" aria-labelledby="audit-figures">
      <h2 id="audit-figures">The figures, on {formatDate(view.asOf)}</h2>
      <dl className="figures">
        <div>
          <dt>Cases</dt>
          <dd>{summary.cases}</dd>
        </div>
        <div>
          <dt>Live</dt>
          <dd>{summary.live}</dd>
        </div>
        <div>
          <dt>Finished since {formatDate(view.finishedSince)}</dt>
          <dd>{summary.finished}</dd>
        </div>
        <div>
          <dt>With a restriction in place</dt>
          <dd>{summary.withRestrictionInPlace}</dd>
        </div>
        <div>
          <dt>Reviews overdue</dt>
          <dd>{summary.overdueReviews}</dd>
        </div>
        <div>
          <dt>Median time from referral to restriction</dt>
          <dd>{median}</dd>
        </div>
      </dl>
      <div className="charts">
        <BarChart
          title="Restrictions in place, by kind"
          bars={restrictingKinds.map((kind) => ({ label: wordsFor(kind), value: summary.restrictionsByKind[kind] }))}
        />
        <BarChart
          title="How each case was recorded"
          bars={(['complaint', 'conduct_matter', 'not_recorded', 'unrecorded'] as const).map((key) => ({
            label: wordsFor(key),
            value: summary.recordedAs[key],
          }))}
        />
      </div>
    </section>
  );
}

function AuditTable({ rows }: { rows: readonly PpdaAuditRowView[] }) {
  return (
    <section className="card" aria-labelledby="audit-cases">
      <h2 id="audit-cases">{rows.length === 1 ? '1 case' : `${rows.length} cases`}</h2>
      {rows.length === 0 ? (
        <p>No case matches these filters.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="audit-list">
            <caption className="visually-hidden">Cases of the audit, by referral date</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Force</th>
                <th scope="col">Referred</th>
                <th scope="col">Stands</th>
                <th scope="col">Suspect’s role</th>
                <th scope="col">Restrictions</th>
                <th scope="col">Days to restriction</th>
                <th scope="col">Recorded as</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.caseId}>
                  <th scope="row" className="reference">
                    {row.reference}
                  </th>
                  <td>{row.forceName}</td>
                  <td>{formatDate(row.referredOn)}</td>
                  <td>
                    {wordsFor(row.standing)}
                    {row.finishedOn ? `, ${formatDate(row.finishedOn)}` : ''}
                    <br />
                    <span className="muted">{wordsFor(row.status)}</span>
                  </td>
                  <td>
                    {[row.suspectRank, row.suspectRole].filter(Boolean).join(', ') || (
                      <>
                        —<span className="visually-hidden">: not in the records open to you</span>
                      </>
                    )}
                    {row.isPublicProtection && (
                      <>
                        <br />
                        <span className="badge">Public protection role</span>
                      </>
                    )}
                  </td>
                  <td>
                    {row.restrictions.length === 0 ? (
                      'None'
                    ) : (
                      <ul className="plain">
                        {row.restrictions.map((restriction) => (
                          <li key={restriction.id}>
                            {wordsFor(restriction.kind)}: {wordsFor(restriction.status)}
                            {restriction.effectiveOn && `, from ${formatDate(restriction.effectiveOn)}`}
                            {restriction.endedOn && ` to ${formatDate(restriction.endedOn)}`}
                            {restriction.nextReviewOn && (restriction.status === 'applied' || restriction.status === 'lift_pending') && (
                              <>
                                {'; review '}
                                {restriction.isReviewOverdue ? (
                                  <strong className="overdue">overdue since {formatDate(restriction.nextReviewOn)}</strong>
                                ) : (
                                  `due ${formatDate(restriction.nextReviewOn)}`
                                )}
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{row.daysToRestriction === null ? '—' : row.daysToRestriction}</td>
                  <td>
                    <RecordedAs caseId={row.caseId} reference={row.reference} recordedAs={row.recordedAs} canRecord={row.canRecord} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
