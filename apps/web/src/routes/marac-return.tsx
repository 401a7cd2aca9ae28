import { useSearchParams } from 'react-router';
import { returnAgencyColumns, type MaracReturnView, type PublishedReturn } from '@caseroom/contracts';
import { BarChart } from '../features/reports/bar-chart';
import { ReportDownloads } from '../features/reports/report-downloads';
import { ApiError } from '../lib/api-client';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate } from '../lib/words';

/** The last eight quarters up to this one, newest first, as `2026-Q4`. */
function recentQuarters(today: Date): string[] {
  const quarters: string[] = [];
  let year = today.getUTCFullYear();
  let number = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let count = 0; count < 8; count += 1) {
    quarters.push(`${year}-Q${number}`);
    number -= 1;
    if (number === 0) {
      number = 4;
      year -= 1;
    }
  }
  return quarters;
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `2026-Q4` as "October to December 2026". */
function quarterWords(quarter: string): string {
  const [year, number] = quarter.split('-Q');
  const months = ['January to March', 'April to June', 'July to September', 'October to December'];
  return `${months[Number(number) - 1]} ${year}`;
}

/** The MARAC's quarterly data return, for its coordinator and chairs: the figures, charts, and the CSV to send. */
export function MaracReturnRoute() {
  useScreenTitle('MARAC data return');
  const [params, setParams] = useSearchParams();
  const view = useApiQuery<MaracReturnView>(
    ['reports', 'marac-return', params.toString()],
    `/api/reports/marac-return?${params.toString()}`,
  );
  const choose = (name: 'areaId' | 'quarter', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const refusal =
    view.error instanceof ApiError ? view.error.details.map((detail) => `${detail.path.replace('query.', '')}: ${detail.message}`) : [];
  const data = view.data;
  const quarters = recentQuarters(new Date());

  return (
    <>
      <h1 tabIndex={-1}>MARAC data return</h1>
      <p className="muted">
        The figures of the quarterly return for the cases the MARAC heard. A figure from 1 to 4 is shown as “fewer than 5” so that no figure
        identifies a victim; where only one figure of a group would be hidden, the next smallest is hidden too.
      </p>
      {view.isLoading && <p role="status">Counting the return…</p>}
      {view.error && (
        <div className="error" role="alert">
          <p>{errorMessage(view.error)}</p>
          {refusal.length > 0 && (
            <ul>
              {refusal.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {data && (
        <>
          <form className="card" role="search" aria-label="Choose the return" onSubmit={(event) => event.preventDefault()}>
            <div className="grid-2">
              <div>
                <label htmlFor="return-area">MARAC area</label>
                <select id="return-area" value={data.area?.id ?? ''} onChange={(event) => choose('areaId', event.target.value)}>
                  {data.areas.map((area) => (
                    <option key={area.id} value={area.id}>
                      {area.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="return-quarter">Quarter</label>
                <select id="return-quarter" value={data.quarter} onChange={(event) => choose('quarter', event.target.value)}>
                  {[...new Set([data.quarter, ...quarters])].map((quarter) => (
                    <option key={quarter} value={quarter}>
                      {quarterWords(quarter)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </form>
          {!data.figures || !data.area ? (
            <p className="card">You coordinate or chair no MARAC yet: there is no return for you to make.</p>
          ) : (
            <ReturnFigures view={data} figures={data.figures} params={params} />
          )}
        </>
      )}
    </>
  );
}

function ReturnFigures({ view, figures, params }: { view: MaracReturnView; figures: PublishedReturn; params: URLSearchParams }) {
  const label = (key: string) => view.columns.find((column) => column.key === key)?.label ?? key;
  const median = figures.medianDaysToRestriction;
  return (
    <section className="card" aria-labelledby="return-figures">
      <h2 id="return-figures">
        {view.area!.name}, {formatDate(view.from)} to {formatDate(view.to)}
      </h2>
      <ReportDownloads path="/api/reports/marac-return" params={params} formats={['csv']} />
      <div className="charts">
        <BarChart
          title="Cases heard"
          bars={[
            { label: 'Cases discussed', value: figures.casesDiscussed },
            { label: 'Repeat cases', value: figures.repeatCases },
            { label: 'Children in the households', value: figures.children },
          ]}
        />
        <BarChart
          title="Referrals, by the agency that referred"
          bars={returnAgencyColumns.map((column) => ({
            label: sentenceCase(label(`referrals.${column}`).replace(/^Referrals from /, '')),
            value: figures.referralsByAgency[column],
          }))}
        />
        <BarChart
          title="The victims"
          bars={[
            { label: 'Black and minoritised', value: figures.victimsBlackAndMinoritised },
            { label: 'LGBT+', value: figures.victimsLgbt },
            { label: 'Disabled', value: figures.victimsDisabled },
            { label: 'Male', value: figures.victimsMale },
            { label: 'Aged 16 to 17', value: figures.victimsAged16To17 },
          ]}
        />
        <BarChart
          title="Police-perpetrated abuse"
          bars={[
            { label: 'Cases with a police suspect', value: figures.casesWithPoliceSuspect },
            { label: 'Victim works for a police force', value: figures.casesWithPoliceEmployedVictim },
            { label: 'Duty restriction applied', value: figures.casesWithRestrictionApplied },
          ]}
          note={`Median time from referral to restriction: ${
            median === null ? 'no restriction applied' : median === '<5' ? 'not shown, as fewer than 5 cases make it' : `${median} days`
          }.`}
        />
      </div>
    </section>
  );
}
