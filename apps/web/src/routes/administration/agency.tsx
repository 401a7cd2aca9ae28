import { Link, useParams } from 'react-router';
import { useScreenTitle } from '../../lib/screen-title';
import { wordsFor } from '../../lib/words';
import { useAgency, usePeople, useUnits } from '../../features/administration/admin-data';
import { EditAgencyForm } from '../../features/administration/agency-forms';
import { firstProblem, LoadProblem } from '../../features/administration/load-problem';
import { ServedForcesForm } from '../../features/administration/served-forces-form';
import { AddUnitForm } from '../../features/administration/unit-forms';
import { UnitTree } from '../../features/administration/unit-tree';

/**
 * One agency: its name and code; for a police force its commands, departments, units and teams; for an
 * IDVA service the force areas it serves.
 */
export function AgencyRoute() {
  const { agencyId = '' } = useParams();
  const agency = useAgency(agencyId);
  const isPolice = agency.data?.kind === 'police_force';
  const units = useUnits(isPolice ? agencyId : null);
  const people = usePeople();
  useScreenTitle(agency.data?.name ?? 'Agency');
  const problem = firstProblem(agency.error, people.error, units.error);
  const agencyPeople = (people.data ?? []).filter((person) => person.agencyId === agencyId);

  return (
    <>
      <h1 tabIndex={-1}>{agency.data?.name ?? 'Agency'}</h1>
      <p>
        <Link to="/administration/agencies">All agencies</Link>
        {agency.data && (
          <>
            {' · '}
            <Link to={`/administration/people?agency=${agencyId}`}>People of {agency.data.name}</Link>
          </>
        )}
      </p>
      {problem ? (
        <LoadProblem error={problem} />
      ) : !agency.data || !people.data || (isPolice && !units.data) ? (
        <p role="status">Loading the agency…</p>
      ) : (
        <>
          <EditAgencyForm key={agency.data.id} agency={agency.data} />
          {agency.data.kind === 'idva_service' && <ServedForcesForm key={`areas-${agency.data.id}`} agency={agency.data} />}
          <section className="card" aria-labelledby="units-heading">
            <h2 id="units-heading">Units and teams</h2>
            {isPolice ? (
              <>
                <p className="hint">
                  Commands, departments, units and teams, each under the one it belongs to. Who shares a team with a suspect is read from
                  here.
                </p>
                <UnitTree units={units.data ?? []} people={agencyPeople} />
                <AddUnitForm agencyId={agencyId} units={units.data ?? []} />
              </>
            ) : (
              <p>Only police forces have units and teams. This agency is of the kind {wordsFor(agency.data.kind)}.</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
