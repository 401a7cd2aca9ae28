import { useState } from 'react';
import type { TrackedActionView } from '@caseroom/contracts';
import { TrackedAction } from '../features/actions/tracked-action';
import { matchesFilters, trackerKey, TrackerFilters, type TrackerFilterValues } from '../features/actions/tracker-filters';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { useSession } from '../session';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The action tracker between meetings: the actions this person or their agency owns (every action for
 * whoever runs conferences), as the server projected them, with each report and a form to add one.
 */
export function ActionsRoute() {
  useScreenTitle('Actions');
  const { me } = useSession();
  const actions = useApiQuery<TrackedActionView[]>([...trackerKey], '/api/actions');
  const [filters, setFilters] = useState<TrackerFilterValues>({ status: 'open', due: 'any' });
  const shown = (actions.data ?? []).filter((action) => matchesFilters(action, filters, today()));
  const runsConferences = me.roles.includes('coordinator') || me.roles.includes('chair');
  const mayReport = (action: TrackedActionView) => runsConferences || action.ownerUserId === me.id || action.ownerAgencyId === me.agencyId;

  return (
    <>
      <h1 tabIndex={-1}>Actions</h1>
      <p className="muted">
        {runsConferences
          ? 'Every action agreed at conferences, on the cases you may see.'
          : 'Actions owned by you or your agency. Report progress here between meetings.'}
      </p>
      <TrackerFilters values={filters} onChange={setFilters} />
      {actions.isLoading && <p role="status">Loading actions…</p>}
      {actions.error && (
        <p className="error" role="alert">
          {errorMessage(actions.error)}
        </p>
      )}
      {actions.data && (
        <p className="muted" role="status">
          {shown.length === 1 ? '1 action shown.' : `${shown.length} actions shown.`}
        </p>
      )}
      <ul className="tracked-actions" aria-label="Actions">
        {shown.map((action) => (
          <TrackedAction key={action.id} action={action} mayReport={mayReport(action)} />
        ))}
      </ul>
    </>
  );
}
