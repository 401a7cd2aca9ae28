import { useState } from 'react';
import { Link } from 'react-router';
import type { ConferenceView, ResearchAskedView } from '@caseroom/contracts';
import { ReturnResearchForm } from '../features/research/return-research-form';
import { compartmentLabels } from '../features/notes/compartments';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate, formatDateTime } from '../lib/words';
import { useSession } from '../session';

/**
 * Research before a conference: the cases this person's agency is asked to research (only those the
 * policy admits them to), each with the form to return what the agency holds; and, for those who run
 * conferences, the way to each conference's tracker.
 */
export function ResearchRoute() {
  useScreenTitle('Research');
  const { me, agencyName } = useSession();
  const asked = useApiQuery<ResearchAskedView[]>(['research', 'mine'], '/api/me/research');
  const runsConferences = me.roles.includes('coordinator') || me.roles.includes('chair');
  const [openId, setOpenId] = useState<string | null>(null);
  const [returned, setReturned] = useState<string | null>(null);
  const byConference = groupByConference(asked.data ?? []);

  return (
    <>
      <h1 tabIndex={-1}>Research</h1>
      <p className="muted">
        Before each conference, {agencyName(me.agencyId)} checks its records on the cases it is asked about and returns what it holds.
      </p>
      {runsConferences && <OrganisedConferences />}
      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">Asked of your agency</h2>
        {asked.isLoading && <p role="status">Loading research requests…</p>}
        {asked.error && (
          <p className="error" role="alert">
            {errorMessage(asked.error)}
          </p>
        )}
        {returned && (
          <p className="success" role="status">
            Research on {returned} returned.
          </p>
        )}
        {asked.data && asked.data.length === 0 && <p>Your agency is not asked to research any case.</p>}
        {byConference.map(([conferenceId, requests]) => (
          <section key={conferenceId} className="card" aria-labelledby={`conference-${conferenceId}`}>
            <h3 id={`conference-${conferenceId}`}>
              {requests[0].conferenceTitle} · {formatDateTime(requests[0].scheduledAt)}
            </h3>
            <ul className="research-list">
              {requests.map((request) => (
                <li key={request.requestId}>
                  <h4>{request.reference}</h4>
                  <p>
                    Asked of {request.agencyName} on {formatDate(request.requestedAt)} ·{' '}
                    {request.returnedAt ? (
                      <span className="badge returned">
                        Returned on {formatDate(request.returnedAt)}
                        {request.returnedByName ? ` by ${request.returnedByName}` : ''}
                      </span>
                    ) : (
                      <span className="badge outstanding">Outstanding</span>
                    )}
                  </p>
                  {request.withheld && (
                    <p>
                      <strong>Withheld:</strong> {request.withheld}
                    </p>
                  )}
                  {!request.returnedAt && request.writable.length === 0 && (
                    <p className="hint">You may not write in this case&apos;s compartments: someone else in your agency returns it.</p>
                  )}
                  {!request.returnedAt && request.writable.length > 0 && openId !== request.requestId && (
                    <p className="hint">
                      You may write in the{' '}
                      {request.writable.map((compartment) => compartmentLabels[compartment].toLowerCase()).join(' and ')}{' '}
                      {request.writable.length === 1 ? 'compartment' : 'compartments'}.
                    </p>
                  )}
                  {!request.returnedAt &&
                    request.writable.length > 0 &&
                    (openId === request.requestId ? (
                      <ReturnResearchForm
                        request={request}
                        onCancel={() => setOpenId(null)}
                        onReturned={(done) => {
                          setOpenId(null);
                          setReturned(done.reference);
                        }}
                      />
                    ) : (
                      <div className="actions">
                        <button
                          type="button"
                          onClick={() => {
                            setReturned(null);
                            setOpenId(request.requestId);
                          }}
                        >
                          Return research on {request.reference}
                        </button>
                      </div>
                    ))}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}

/** The conferences this person chairs or coordinates, not yet closed: each links to its research tracker. */
function OrganisedConferences() {
  const { me } = useSession();
  const conferences = useApiQuery<ConferenceView[]>(['conferences'], '/api/conferences');
  const organised = (conferences.data ?? [])
    .filter((conference) => conference.status !== 'closed' && (conference.chairId === me.id || conference.coordinatorId === me.id))
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  return (
    <section className="card" aria-labelledby="tracking-heading">
      <h2 id="tracking-heading">Your conferences</h2>
      {conferences.error && (
        <p className="error" role="alert">
          {errorMessage(conferences.error)}
        </p>
      )}
      {conferences.data && organised.length === 0 && <p>You do not run a conference that is still to meet.</p>}
      <ul>
        {organised.map((conference) => (
          <li key={conference.id}>
            <Link to={`/research/conferences/${conference.id}`}>Research for {conference.title}</Link> ·{' '}
            {formatDateTime(conference.scheduledAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function groupByConference(requests: readonly ResearchAskedView[]): [string, ResearchAskedView[]][] {
  const groups = new Map<string, ResearchAskedView[]>();
  for (const request of requests) groups.set(request.conferenceId, [...(groups.get(request.conferenceId) ?? []), request]);
  return [...groups];
}
