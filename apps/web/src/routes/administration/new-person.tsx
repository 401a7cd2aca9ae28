import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CreatedUserView } from '@caseroom/contracts';
import { useScreenTitle } from '../../lib/screen-title';
import { useAgencies, usePeople } from '../../features/administration/admin-data';
import { firstProblem, LoadProblem } from '../../features/administration/load-problem';
import { NewPersonForm } from '../../features/administration/new-person-form';
import { OneTimePassword } from '../../features/administration/one-time-password';

/** A new account, then its one-time password, shown this once and kept nowhere else. */
export function NewPersonRoute() {
  useScreenTitle('Add a person');
  const [search] = useSearchParams();
  const agencies = useAgencies();
  const people = usePeople();
  const [created, setCreated] = useState<CreatedUserView | null>(null);
  /** A fresh form each time: "Add another person" starts again from nothing. */
  const [round, setRound] = useState(0);
  const problem = firstProblem(agencies.error, people.error);

  return (
    <>
      <h1 tabIndex={-1}>Add a person</h1>
      <p>
        <Link to="/administration/people">All people</Link>
      </p>
      {problem ? (
        <LoadProblem error={problem} />
      ) : created ? (
        <OneTimePassword
          created={created}
          onAnother={() => {
            setCreated(null);
            setRound((count) => count + 1);
          }}
        />
      ) : !agencies.data || !people.data ? (
        <p role="status">Loading…</p>
      ) : (
        <NewPersonForm
          key={round}
          agencies={agencies.data}
          people={people.data}
          initialAgencyId={search.get('agency')}
          onCreated={setCreated}
        />
      )}
    </>
  );
}
