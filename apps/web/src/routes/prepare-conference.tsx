import type { CaseSummaryView, ConferencePlanView } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { AgendaBuilder } from '../features/scheduling/agenda-builder';
import { InvitationsPanel } from '../features/scheduling/invitations-panel';
import { usePreparation } from '../features/scheduling/preparation';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';

/** A conference as its organiser prepares it: the agenda on one side, the invitations on the other. */
export function PrepareConferenceRoute() {
  const { conferenceId = '' } = useParams();
  return <Prepare key={conferenceId} conferenceId={conferenceId} />;
}

function Prepare({ conferenceId }: { conferenceId: string }) {
  useScreenTitle('Prepare the conference');
  const plan = useApiQuery<ConferencePlanView>(['conference', conferenceId, 'plan'], `/api/conferences/${conferenceId}/plan`);
  const cases = useApiQuery<CaseSummaryView[]>(['cases'], '/api/cases');
  const preparation = usePreparation(conferenceId);

  if (plan.error)
    return (
      <section className="card">
        <h1 tabIndex={-1}>Prepare the conference</h1>
        <p className="error" role="alert">
          {errorMessage(plan.error)}
        </p>
        <Link to="/conferences">Back to your conferences</Link>
      </section>
    );
  if (!plan.data) return <p role="status">Loading the conference…</p>;
  const { conference, chair } = plan.data;
  const isPreparing = conference.status === 'scheduled';

  return (
    <>
      <h1 tabIndex={-1}>Prepare {conference.title}</h1>
      <p>
        {formatDateTime(conference.scheduledAt)}
        {conference.location ? ` · ${conference.location}` : ''}
        {chair ? ` · Chair: ${chair.name}` : ''} · <span className="badge">{wordsFor(conference.status)}</span>
      </p>
      <p>
        <Link to={`/conferences/${conference.id}`}>Open the lobby</Link> ·{' '}
        <Link to={`/research/conferences/${conference.id}`}>Research tracker</Link> ·{' '}
        <Link to={`/conferences/${conference.id}/register`}>Attendance register and apologies</Link>
        {conference.status === 'closed' && (
          <>
            {' '}
            · <Link to={`/conferences/${conference.id}/minutes`}>Minutes</Link>
          </>
        )}
      </p>
      {!isPreparing && (
        <p className="card" role="note">
          The conference is {wordsFor(conference.status).toLowerCase()}: its agenda and invitations stay as they are. In the live room the
          chair can remove someone.
        </p>
      )}
      {preparation.problem && (
        <p className="error" role="alert">
          {preparation.problem}
        </p>
      )}
      <div className="prepare">
        <AgendaBuilder plan={plan.data} cases={cases.data} preparation={preparation} isPreparing={isPreparing} />
        <InvitationsPanel plan={plan.data} preparation={preparation} isPreparing={isPreparing} />
      </div>
    </>
  );
}
