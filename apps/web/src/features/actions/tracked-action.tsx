import type { TrackedActionView } from '@caseroom/contracts';
import { formatDate, formatDateTime, wordsFor } from '../../lib/words';
import { compartmentLabels } from '../notes/compartments';
import { ReportProgressForm } from './report-progress-form';

/** One action: what, for which case, whose, when it is due, where it stands, and every report on it. */
export function TrackedAction({ action, mayReport }: { action: TrackedActionView; mayReport: boolean }) {
  const owner = action.ownerName ? `${action.ownerName}, ${action.ownerAgencyName}` : action.ownerAgencyName;
  return (
    <li className="card tracked-action">
      <h2>
        {action.reference}: {action.text}
      </h2>
      <dl className="fields action-facts">
        <dt>Owner</dt>
        <dd>{owner}</dd>
        <dt>Due</dt>
        <dd>
          <time dateTime={action.dueOn}>{formatDate(action.dueOn)}</time>
          {action.isOverdue && <span className="badge outstanding"> Overdue</span>}
        </dd>
        <dt>Status</dt>
        <dd>{wordsFor(action.status)}</dd>
        <dt>Compartment</dt>
        <dd>{compartmentLabels[action.compartment]}</dd>
      </dl>
      <h3>Reports</h3>
      {action.updates.length === 0 ? (
        <p className="muted">No reports yet.</p>
      ) : (
        <ol className="action-reports" reversed aria-label="Reports, newest first">
          {[...action.updates].reverse().map((update) => (
            <li key={`${update.at}-${update.byId}`}>
              <p>
                <time dateTime={update.at}>{formatDateTime(update.at)}</time>, {update.byName}: {wordsFor(update.status)}
              </p>
              <p>{update.note}</p>
            </li>
          ))}
        </ol>
      )}
      {mayReport && action.status === 'open' && <ReportProgressForm action={action} />}
    </li>
  );
}
