import type { ConferenceView, RegisterView } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { ApologiesForm } from '../features/register/apologies-form';
import { AttendanceTable } from '../features/register/attendance-table';
import { RecordApologiesForm } from '../features/register/record-apologies-form';
import { ApiError } from '../lib/api-client';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';
import { useSession } from '../session';

/**
 * A conference's attendance register, for its chair and coordinator: join and leave times per person,
 * acknowledgements and apologies. Anyone invited may send their own apologies here; only the organisers
 * see the register itself, and record apologies an invitee gave them.
 */
export function ConferenceRegisterRoute() {
  const { conferenceId = '' } = useParams();
  return <Register key={conferenceId} conferenceId={conferenceId} />;
}

function Register({ conferenceId }: { conferenceId: string }) {
  useScreenTitle('Attendance register');
  const { me } = useSession();
  const conference = useApiQuery<ConferenceView>(['conference', conferenceId], `/api/conferences/${conferenceId}`);
  const register = useApiQuery<RegisterView[]>(['conference', conferenceId, 'register'], `/api/conferences/${conferenceId}/register`);
  const isOrganiserOnly = register.error instanceof ApiError && register.error.status === 403;
  // Apologies are one's own: a coordinator who is not on the register has none to send.
  const isInvited = isOrganiserOnly || (register.data ?? []).some((line) => line.userId === me.id);

  if (conference.error)
    return (
      <section className="card">
        <h1 tabIndex={-1}>Attendance register</h1>
        <p className="error" role="alert">
          {errorMessage(conference.error)}
        </p>
        <Link to="/conferences">Back to your conferences</Link>
      </section>
    );
  if (!conference.data) return <p role="status">Loading the conference…</p>;

  return (
    <>
      <h1 tabIndex={-1}>Attendance register: {conference.data.title}</h1>
      <p>
        {formatDateTime(conference.data.scheduledAt)} · <span className="badge">{wordsFor(conference.data.status)}</span>
      </p>
      {register.isLoading && <p role="status">Loading the register…</p>}
      {register.error && !isOrganiserOnly && (
        <p className="error" role="alert">
          {errorMessage(register.error)}
        </p>
      )}
      {isOrganiserOnly && <p className="muted">Only the chair and the coordinator see the register.</p>}
      {register.data && conference.data.status === 'closed' && (
        <p>
          <Link to={`/conferences/${conferenceId}/minutes`}>Minutes: draft, approve and distribute</Link>
        </p>
      )}
      {register.data && <AttendanceTable register={register.data} />}
      {register.data && <RecordApologiesForm conferenceId={conferenceId} register={register.data} />}
      {isInvited && <ApologiesForm conferenceId={conferenceId} showsRegister={register.data !== undefined} />}
      <p>
        <Link to="/conferences">Back to your conferences</Link>
      </p>
    </>
  );
}
