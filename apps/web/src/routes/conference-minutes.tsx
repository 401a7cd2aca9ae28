import { useQuery } from '@tanstack/react-query';
import type { ConferenceMinutesView } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { CopiesTable } from '../features/minutes/copies-table';
import { Distribution } from '../features/minutes/distribution';
import { DraftEditor } from '../features/minutes/draft-editor';
import { conferenceMinutesKey, useMinutesChange } from '../features/minutes/minutes-data';
import { VersionsTable } from '../features/minutes/versions-table';
import { errorMessage } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime } from '../lib/words';
import { useSession } from '../session';

/**
 * A closed conference's minutes, for its chair and coordinator: the draft drawn from the notes and
 * edited by revision, its approval (then corrections, each a new version), distribution as one copy per
 * person, and the copies issued, each of which can be withdrawn or reissued.
 */
export function ConferenceMinutesRoute() {
  const { conferenceId = '' } = useParams();
  return <Minutes key={conferenceId} conferenceId={conferenceId} />;
}

function Minutes({ conferenceId }: { conferenceId: string }) {
  useScreenTitle('Minutes');
  const { api } = useSession();
  // Read afresh each time the screen opens: recipients download their copies meanwhile.
  const minutes = useQuery({
    queryKey: conferenceMinutesKey(conferenceId),
    queryFn: () => api.get<ConferenceMinutesView>(`/api/conferences/${conferenceId}/minutes`),
    staleTime: 0,
  });
  const start = useMinutesChange(conferenceId);
  const view = minutes.data;

  if (minutes.error)
    return (
      <section className="card">
        <h1 tabIndex={-1}>Minutes</h1>
        <p className="error" role="alert">
          {errorMessage(minutes.error)}
        </p>
        <Link to="/conferences">Back to your conferences</Link>
      </section>
    );
  if (!view) return <p role="status">Loading the minutes…</p>;

  return (
    <>
      <h1 tabIndex={-1}>Minutes of {view.conferenceTitle}</h1>
      <p>
        {view.closedAt ? `Closed on ${formatDateTime(view.closedAt)}.` : 'The conference has not closed: minutes are written once it has.'}{' '}
        <Link to={`/conferences/${conferenceId}/register`}>Attendance register</Link> · <Link to="/conferences">Your conferences</Link>
      </p>
      {!view.draft && view.closedAt && (
        <section className="card" aria-labelledby="start-heading">
          <h2 id="start-heading">Draft</h2>
          <p>The draft starts from the notes of each compartment of each item, and from the meeting&apos;s decisions and actions.</p>
          <div className="actions">
            <button
              type="button"
              disabled={start.isPending}
              onClick={() =>
                void start
                  .mutateAsync((api) => api.post<ConferenceMinutesView>(`/api/conferences/${conferenceId}/minutes/draft`))
                  .catch(() => null)
              }
            >
              Start the draft
            </button>
          </div>
          {start.error && (
            <p className="error" role="alert">
              {errorMessage(start.error)}
            </p>
          )}
        </section>
      )}
      {view.draft && <DraftEditor view={view} onReload={async () => (await minutes.refetch()).data ?? null} />}
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions and distribution</h2>
        <VersionsTable versions={view.versions} />
        <Distribution view={view} />
      </section>
      <section className="card" aria-labelledby="copies-heading">
        <h2 id="copies-heading">Copies</h2>
        <CopiesTable view={view} />
      </section>
    </>
  );
}
