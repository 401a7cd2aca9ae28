import type { RegisterView } from '@caseroom/contracts';
import { formatDateTime } from '../../lib/words';
import { useSession } from '../../session';

const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Each visit to the room as "joined – left"; a visit still going on says so. */
function Visits({ attendance }: { attendance: RegisterView['attendance'] }) {
  if (attendance.length === 0) return <span className="muted">Did not join</span>;
  return (
    <ul className="plain">
      {attendance.map((visit) => (
        <li key={visit.joinedAt}>
          <time dateTime={visit.joinedAt}>{formatDateTime(visit.joinedAt)}</time> to{' '}
          {visit.leftAt ? <time dateTime={visit.leftAt}>{time(visit.leftAt)}</time> : 'still in the room'}
        </li>
      ))}
    </ul>
  );
}

/** The attendance register: who was invited, who acknowledged, who sent apologies, and when each was in the room. */
export function AttendanceTable({ register }: { register: readonly RegisterView[] }) {
  const { agencyName } = useSession();
  if (register.length === 0) return <p>Nobody is invited yet.</p>;
  return (
    <div className="table-scroll">
      <table className="register">
        <caption>Attendance register</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Agency</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Apologies</th>
            <th scope="col">In the room</th>
          </tr>
        </thead>
        <tbody>
          {register.map((line) => (
            <tr key={line.userId}>
              <th scope="row">
                {line.name}
                {line.removedAt && <span className="muted"> (removed {formatDateTime(line.removedAt)})</span>}
              </th>
              <td>{agencyName(line.agencyId)}</td>
              <td>{line.acknowledgedAt ? formatDateTime(line.acknowledgedAt) : <span className="muted">Not yet</span>}</td>
              <td>{line.apologies ?? <span className="muted">None</span>}</td>
              <td>
                <Visits attendance={line.attendance} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
