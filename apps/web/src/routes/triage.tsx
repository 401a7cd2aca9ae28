import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { TriagePageView, TriageRowView } from '@caseroom/contracts';
import { noFilters, TriageFilters, type TriageFilterValues } from '../features/triage/triage-filters';
import { TriageDecision } from '../features/triage/triage-decision';
import { ApiError } from '../lib/api-client';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate, wordsFor } from '../lib/words';
import { useSession } from '../session';

const filterNames = Object.keys(noFilters) as (keyof TriageFilterValues)[];

/** The coordinator's list of cases: search, page through, and triage a referral or close a heard case. */
export function TriageRoute() {
  useScreenTitle('Triage');
  const { agencyName } = useSession();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<TriageRowView | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const list = useApiQuery<TriagePageView>(['cases', 'triage', params.toString()], `/api/triage?${params.toString()}`);
  const page = list.data?.page ?? 1;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  const initial = Object.fromEntries(
    filterNames.map((name) => [name, params.get(name) ?? noFilters[name]]),
  ) as unknown as TriageFilterValues;

  const search = (values: TriageFilterValues) => {
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const value = values[name];
      if (value && value !== noFilters[name]) next.set(name, value);
    }
    setSelected(null);
    setParams(next);
  };
  const goTo = (target: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    setParams(next);
  };
  const afterChange = (message: string) => {
    setChanged(message);
    setSelected(null);
    void queries.invalidateQueries({ queryKey: ['cases', 'triage'] });
  };
  const refusal =
    list.error instanceof ApiError ? list.error.details.map((detail) => `${detail.path.replace('query.', '')}: ${detail.message}`) : [];

  return (
    <>
      <h1 tabIndex={-1}>Triage</h1>
      <p className="muted">Referrals and cases you may see, by referral date. Accept or decline a referral; close a case once heard.</p>
      <TriageFilters key={params.toString()} initial={initial} onSearch={search} />
      {changed && (
        <p className="success" role="status">
          {changed}
        </p>
      )}
      {selected && <TriageDecision key={selected.id} row={selected} onChanged={afterChange} onDone={() => setSelected(null)} />}
      {list.isLoading && <p role="status">Loading the cases…</p>}
      {list.error && (
        <div className="error" role="alert">
          <p>{errorMessage(list.error)}</p>
          {refusal.length > 0 && (
            <ul>
              {refusal.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {list.data && (
        <section className="card" aria-labelledby="triage-results">
          <h2 id="triage-results">
            {list.data.total === 1 ? '1 case' : `${list.data.total} cases`}
            {list.data.total > 0 ? `, page ${page} of ${pages}` : ''}
          </h2>
          {list.data.total === 0 ? (
            <p>No case matches.</p>
          ) : (
            <div className="table-scroll">
              <table data-testid="triage-list">
                <caption className="visually-hidden">Cases, by referral date</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Referred</th>
                    <th scope="col">Referring agency</th>
                    <th scope="col">Suspect’s force</th>
                    <th scope="col">Grounds</th>
                    <th scope="col">DASH</th>
                    <th scope="col">Status</th>
                    <th scope="col">Repeat of</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((row) => (
                    <tr key={row.id} aria-current={selected?.id === row.id ? 'true' : undefined}>
                      <th scope="row" className="reference">
                        {row.reference}
                      </th>
                      <td>{formatDate(row.referredOn)}</td>
                      <td>{agencyName(row.referringAgencyId)}</td>
                      <td>{agencyName(row.suspectForceId)}</td>
                      <td>{wordsFor(row.referralGround)}</td>
                      <td>{row.dashScore ?? '—'}</td>
                      <td>
                        <span className={`badge status-${row.status}`}>{wordsFor(row.status)}</span>
                      </td>
                      <td className="reference">{row.isRepeat ? (row.repeatOfReference ?? 'An earlier referral') : '—'}</td>
                      <td>
                        {(row.status === 'referred' || row.status === 'heard' || row.status === 'actions_open') && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => {
                              setChanged(null);
                              setSelected(row);
                            }}
                          >
                            {row.status === 'referred' ? 'Triage' : 'Close'}
                            <span className="visually-hidden"> {row.reference}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label="Pages">
              <button type="button" className="secondary" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                Previous page
              </button>
              <span>
                Page {page} of {pages}
              </span>
              <button type="button" className="secondary" disabled={page >= pages} onClick={() => goTo(page + 1)}>
                Next page
              </button>
            </nav>
          )}
        </section>
      )}
    </>
  );
}
