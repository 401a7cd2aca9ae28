import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RequestResearchResult, ResearchTrackerView } from '@caseroom/contracts';
import { ResearchItemTable } from '../features/research/research-item-table';
import { errorMessage, useApiMutation, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';

/**
 * The coordinator's research tracker for one conference: asking every invited agency about every agenda
 * case in one action, then per case which agencies returned and which are outstanding. References,
 * agency names and dates only: what the agencies hold is read in the case's compartments.
 */
export function ResearchTrackerRoute() {
  const { conferenceId = '' } = useParams();
  useScreenTitle('Research tracker');
  const tracker = useApiQuery<ResearchTrackerView>(['conference', conferenceId, 'research'], `/api/conferences/${conferenceId}/research`);
  const request = useApiMutation<Record<string, never>, RequestResearchResult>('POST', `/api/conferences/${conferenceId}/research`, [
    ['conference', conferenceId, 'research'],
  ]);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; isError: boolean } | null>(null);
  const view = tracker.data;

  const requestResearch = async () => {
    setConfirming(false);
    try {
      const { created } = await request.mutateAsync({});
      setOutcome({
        text:
          created === 0
            ? 'Every agency had been asked about every case already.'
            : `Research requested: ${created} ${created === 1 ? 'request' : 'requests'} sent.`,
        isError: false,
      });
    } catch (error) {
      setOutcome({ text: errorMessage(error), isError: true });
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Research tracker{view ? `: ${view.title}` : ''}</h1>
      <div className="actions">
        <Link to="/research">Back to research</Link>
        {view && (
          <button type="button" className="link" onClick={() => void tracker.refetch()}>
            Check again for returned research
          </button>
        )}
      </div>
      {tracker.isLoading && <p role="status">Loading the research tracker…</p>}
      {tracker.error && (
        <p className="error" role="alert">
          {errorMessage(tracker.error)}
        </p>
      )}
      {view && (
        <>
          <section className="card" aria-labelledby="asking-heading">
            <h2 id="asking-heading">Asking for research</h2>
            <p>
              {formatDateTime(view.scheduledAt)} · <span className="badge">{wordsFor(view.status)}</span>
            </p>
            <p>
              {view.invitedAgencies.length === 0
                ? 'No agency is invited yet.'
                : `Agencies invited: ${view.invitedAgencies.map((agency) => agency.agencyName).join(', ')}.`}
            </p>
            {view.status !== 'closed' && view.invitedAgencies.length > 0 && view.items.length > 0 && (
              <>
                <p className="hint">
                  Asks each invited agency about each case on the agenda that it has not been asked about yet, and tells its invited people
                  by the case reference only.
                </p>
                {confirming ? (
                  <div className="actions">
                    <button type="button" onClick={() => void requestResearch()} disabled={request.isPending}>
                      Confirm: request research
                    </button>
                    <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="actions">
                    <button
                      type="button"
                      onClick={() => {
                        setOutcome(null);
                        setConfirming(true);
                      }}
                    >
                      Request research
                    </button>
                  </div>
                )}
              </>
            )}
            {outcome && (
              <p role={outcome.isError ? 'alert' : 'status'} className={outcome.isError ? 'error' : 'success'}>
                {outcome.text}
              </p>
            )}
          </section>
          {view.items.length === 0 && <p>The agenda has no case yet.</p>}
          {view.items.map((item) =>
            item.isSteppedOut ? (
              <section key={item.itemId} className="card">
                <h2>Item {item.position}</h2>
                <p>You are not part of this discussion.</p>
              </section>
            ) : (
              <ResearchItemTable key={item.itemId} conferenceId={conferenceId} item={item} onChanged={() => void tracker.refetch()} />
            ),
          )}
        </>
      )}
    </>
  );
}
