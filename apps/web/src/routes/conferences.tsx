import type { ConferenceView } from '@caseroom/contracts';
import { Link, useScreenTitle } from '../lib/router';
import { formatDateTime, humanise, useResource } from '../lib/use-resource';
import { useSession } from '../session';

/** The conferences this person is invited to, soonest first. */
export function ConferencesRoute() {
  useScreenTitle('Your conferences');
  const { api, me } = useSession();
  const conferences = useResource(() => api.get<ConferenceView[]>('/api/conferences'), [api]);
  const sorted = [...(conferences.data ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));

  return (
    <>
      <h1 tabIndex={-1}>Your conferences</h1>
      <p className="muted">Signed in as {me.name}.</p>
      {conferences.isLoading && <p role="status">Loading conferences…</p>}
      {conferences.error && (
        <p className="error" role="alert">
          {conferences.error}
        </p>
      )}
      {conferences.data && sorted.length === 0 && <p>You are not invited to any conference.</p>}
      <ul className="conference-list" aria-label="Conferences">
        {sorted.map((conference) => (
          <li key={conference.id} className="card">
            <h2>
              <Link href={`/conferences/${conference.id}`}>{conference.title}</Link>
            </h2>
            <p>
              {formatDateTime(conference.scheduledAt)}
              {conference.location ? ` · ${conference.location}` : ''}
            </p>
            <p>
              <span className="badge">{humanise(conference.status)}</span>{' '}
              {conference.agenda.length === 1 ? '1 item' : `${conference.agenda.length} items`} on the agenda
              {conference.chairId === me.id ? ' · you chair it' : ''}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
