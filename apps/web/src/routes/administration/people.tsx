import { Link, useSearchParams } from 'react-router';
import { useScreenTitle } from '../../lib/screen-title';
import { wordsFor } from '../../lib/words';
import { byId, useAgencies, usePeople } from '../../features/administration/admin-data';
import { firstProblem, LoadProblem } from '../../features/administration/load-problem';

/** Everyone with an account, found by name, e-mail or staff number, and by agency. */
export function PeopleRoute() {
  useScreenTitle('People');
  const people = usePeople();
  const agencies = useAgencies();
  const [search, setSearch] = useSearchParams();
  const text = search.get('q') ?? '';
  const agencyId = search.get('agency') ?? '';
  const problem = firstProblem(people.error, agencies.error);
  const agencyOf = byId(agencies.data);
  const words = text.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
  const found = (people.data ?? []).filter(
    (person) =>
      (!agencyId || person.agencyId === agencyId) &&
      words.every((word) =>
        [person.name, person.email, person.staffNumber ?? ''].some((field) => field.toLocaleLowerCase('en-GB').includes(word)),
      ),
  );
  const change = (key: string, value: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <h1 tabIndex={-1}>People</h1>
      {problem ? (
        <LoadProblem error={problem} />
      ) : !people.data || !agencies.data ? (
        <p role="status">Loading people…</p>
      ) : (
        <>
          <div className="card">
            <search className="grid-3 search-bar">
              <div>
                <label htmlFor="people-search">Search</label>
                <p className="hint" id="people-search-hint">
                  Name, e-mail address or staff number.
                </p>
                <input
                  id="people-search"
                  type="search"
                  value={text}
                  onChange={(event) => change('q', event.target.value)}
                  aria-describedby="people-search-hint"
                  autoComplete="off"
                />
              </div>
              <div>
                <label htmlFor="people-agency">Agency</label>
                <select id="people-agency" value={agencyId} onChange={(event) => change('agency', event.target.value)}>
                  <option value="">Every agency</option>
                  {agencies.data.map((agency) => (
                    <option key={agency.id} value={agency.id}>
                      {agency.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="search-action">
                <Link className="button" to={agencyId ? `/administration/people/new?agency=${agencyId}` : '/administration/people/new'}>
                  Add a person
                </Link>
              </div>
            </search>
          </div>
          <p role="status" className="muted">
            {found.length === people.data.length ? `${found.length} people.` : `${found.length} of ${people.data.length} people.`}
          </p>
          <div className="card table-scroll">
            <table data-testid="people">
              <caption className="visually-hidden">People with an account</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail address</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {found.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <Link to={`/administration/people/${person.id}`}>{person.name}</Link>
                      {person.rank && <span className="muted"> · {person.rank}</span>}
                    </td>
                    <td>{person.email}</td>
                    <td>{agencyOf.get(person.agencyId)?.name ?? 'Unknown agency'}</td>
                    <td>{person.roles.map(wordsFor).join(', ')}</td>
                    <td>{person.isActive ? 'Active' : <strong>Disabled</strong>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
