import type { ConferenceView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';
import { useSession } from '../session';

/** Who schedules conferences: the roles that hold `conference.schedule`. */
const schedulers = ['coordinator', 'chair'] as const;

/** The conferences this person organises or is invited to, soonest first. */
export function ConferencesRoute() {
  useScreenTitle('Your conferences');
  const { me } = useSession();
  const conferences = useApiQuery<ConferenceView[]>(['conferences'], '/api/conferences');
  const sorted = [...(conferences.data ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const canSchedule = schedulers.some((role) => me.roles.includes(role));
  const organises = (conference: ConferenceView) => conference.chairId === me.id || conference.coordinatorId === me.id;

  return (
    <>
      <h1 tabIndex={-1}>Your conferences</h1>
      <p className="muted">Signed in as {me.name}.</p>
      {canSchedule && (
        <p>
          <Link className="button" to="/conferences/new">
            Schedule a conference
          </Link>
        </p>
      )}
      {conferences.isLoading && <p role="status">Loading conferences…</p>}
      {conferences.error && (
        <p className="error" role="alert">
          {errorMessage(conferences.error)}
        </p>
      )}
      {conferences.data && sorted.length === 0 && (
        <p>{canSchedule ? 'You organise no conference and are not invited to any.' : 'You are not invited to any conference.'}</p>
      )}
      <ul className="conference-list" aria-label="Conferences">
        {sorted.map((conference) => (
          <li key={conference.id} className="card">
            <h2 id={`title-${conference.id}`}>
              <Link to={`/conferences/${conference.id}`}>{conference.title}</Link>
            </h2>
            <p>
              {formatDateTime(conference.scheduledAt)}
              {conference.location ? ` · ${conference.location}` : ''}
            </p>
            <p>
              <span className="badge">{wordsFor(conference.status)}</span>{' '}
              {conference.agenda.length === 1 ? '1 item' : `${conference.agenda.length} items`} on the agenda
              {conference.chairId === me.id ? ' · you chair it' : conference.coordinatorId === me.id ? ' · you coordinate it' : ''}
            </p>
            {conference.agendaCirculatedAt && <p className="muted">Agenda circulated on {formatDateTime(conference.agendaCirculatedAt)}</p>}
            <p>
              <Link to={`/conferences/${conference.id}/register`} aria-describedby={`title-${conference.id}`}>
                {organises(conference) ? 'Attendance register' : 'Send apologies'}
              </Link>
            </p>
            {organises(conference) && conference.status === 'closed' && (
              <p>
                <Link to={`/conferences/${conference.id}/minutes`} aria-describedby={`title-${conference.id}`}>
                  Minutes: draft, approve and distribute
                </Link>
              </p>
            )}
            {organises(conference) && conference.status === 'scheduled' && (
              <p>
                <Link to={`/conferences/${conference.id}/prepare`} aria-describedby={`title-${conference.id}`}>
                  Prepare: agenda and invitations
                </Link>{' '}
                ·{' '}
                <Link to={`/research/conferences/${conference.id}`} aria-describedby={`title-${conference.id}`}>
                  Research tracker
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
