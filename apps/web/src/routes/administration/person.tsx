import { Link, useParams } from 'react-router';
import { useScreenTitle } from '../../lib/screen-title';
import { wordsFor } from '../../lib/words';
import { byId, useAgencies, usePeople, usePerson, useUnits } from '../../features/administration/admin-data';
import { AccountSection } from '../../features/administration/account-section';
import { EditPersonForm } from '../../features/administration/edit-person-form';
import { firstProblem, LoadProblem } from '../../features/administration/load-problem';
import { PostingsSection } from '../../features/administration/postings-section';
import { useSession } from '../../session';

/** One person: their record, their postings (police), and their account's access, sessions and second factor. */
export function PersonRoute() {
  const { userId = '' } = useParams();
  const { me } = useSession();
  const person = usePerson(userId);
  const agencies = useAgencies();
  const people = usePeople();
  const agency = byId(agencies.data).get(person.data?.agencyId ?? '');
  const isPolice = agency?.kind === 'police_force';
  const units = useUnits(isPolice ? (agency?.id ?? null) : null);
  useScreenTitle(person.data?.name ?? 'Person');
  const problem = firstProblem(person.error, agencies.error, people.error, units.error);
  const isLoaded = person.data && agencies.data && people.data && (!isPolice || units.data);

  return (
    <>
      <h1 tabIndex={-1}>{person.data?.name ?? 'Person'}</h1>
      <p>
        <Link to="/administration/people">All people</Link>
      </p>
      {problem ? (
        <LoadProblem error={problem} />
      ) : !isLoaded || !person.data ? (
        <p role="status">Loading the record…</p>
      ) : (
        <>
          <p className="lead">
            {agency?.name ?? 'Unknown agency'} · {person.data.roles.map(wordsFor).join(', ')} ·{' '}
            {person.data.isActive ? 'Active' : <strong>Disabled</strong>}
          </p>
          <EditPersonForm key={person.data.id} person={person.data} agency={agency} units={units.data ?? []} people={people.data ?? []} />
          {isPolice && <PostingsSection person={person.data} agencies={agencies.data ?? []} />}
          <AccountSection person={person.data} isSelf={person.data.id === me.id} />
        </>
      )}
    </>
  );
}
