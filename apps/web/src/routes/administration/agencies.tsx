import { Link } from 'react-router';
import { useScreenTitle } from '../../lib/screen-title';
import { wordsFor } from '../../lib/words';
import { plural, useAgencies, usePeople } from '../../features/administration/admin-data';
import { CreateAgencyForm } from '../../features/administration/agency-forms';
import { firstProblem, LoadProblem } from '../../features/administration/load-problem';

/** Every agency, with its kind in words and how many people it has; a new one is added below. */
export function AgenciesRoute() {
  useScreenTitle('Agencies');
  const agencies = useAgencies();
  const people = usePeople();
  const problem = firstProblem(agencies.error, people.error);
  const counts = new Map<string, number>();
  for (const person of people.data ?? []) counts.set(person.agencyId, (counts.get(person.agencyId) ?? 0) + 1);

  return (
    <>
      <h1 tabIndex={-1}>Agencies</h1>
      {problem ? (
        <LoadProblem error={problem} />
      ) : !agencies.data || !people.data ? (
        <p role="status">Loading the agencies…</p>
      ) : (
        <>
          <div className="card table-scroll">
            <table data-testid="agencies">
              <caption className="visually-hidden">Agencies</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Code</th>
                  <th scope="col">People</th>
                </tr>
              </thead>
              <tbody>
                {agencies.data.map((agency) => (
                  <tr key={agency.id}>
                    <td>
                      <Link to={`/administration/agencies/${agency.id}`}>{agency.name}</Link>
                    </td>
                    <td>{wordsFor(agency.kind)}</td>
                    <td>{agency.code}</td>
                    <td>
                      <Link to={`/administration/people?agency=${agency.id}`}>
                        {plural(counts.get(agency.id) ?? 0, 'person', 'people')}
                        <span className="visually-hidden"> in {agency.name}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CreateAgencyForm />
        </>
      )}
    </>
  );
}
