import { useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { WorkforceMemberView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { Field } from '../../lib/forms';
import { useApiQuery } from '../../lib/query';
import { useSession } from '../../session';
import type { ReferralForm } from './referral-values';

export interface WorkforceSearchProps {
  readonly form: ReferralForm;
  /** The field whose problems are shown beside the search: the id the choice fills in. */
  readonly name: string;
  readonly label: string;
  readonly hint: string;
  /** The force searched; `null` until one is chosen. */
  readonly forceId: string | null | undefined;
  readonly searchLabel: string;
  /** How the list of people found is named, so that two searches on one form are told apart. */
  readonly resultsLabel: string;
  readonly chooseLabel: (person: WorkforceMemberView) => string;
  readonly onChoose: (person: WorkforceMemberView) => void;
}

const memberKey = (userId: string) => ['workforce-member', userId];

/** Someone a form picked from a force's records, by id (a draft keeps only the id): as a search shows them. */
export function useWorkforceMember(userId: string | null | undefined) {
  return useApiQuery<WorkforceMemberView>(memberKey(userId ?? ''), userId ? `/api/referrals/workforce/people/${userId}` : null);
}

/** Looks people up in one police force's records by name or staff number, and offers each one found. */
export function WorkforceSearch({
  form,
  name,
  label,
  hint,
  forceId,
  searchLabel,
  resultsLabel,
  chooseLabel,
  onChoose,
}: WorkforceSearchProps) {
  const { api } = useSession();
  const queries = useQueryClient();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<WorkforceMemberView[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const runSearch = async () => {
    if (!forceId) {
      setMessage('Choose the force first.');
      return;
    }
    try {
      setMessage(null);
      const query = new URLSearchParams({ forceId, search });
      setResults(await api.get<WorkforceMemberView[]>(`/api/referrals/workforce?${query.toString()}`));
    } catch (error) {
      setMessage(error instanceof ApiError ? (error.details[0]?.message ?? error.message) : 'The records could not be searched.');
    }
  };
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void runSearch();
  };
  const choose = (person: WorkforceMemberView) => {
    // What the search found is what the form then shows of them: not asked for again.
    queries.setQueryData(memberKey(person.id), person);
    setResults(null);
    onChoose(person);
  };

  return (
    <div className="suspect-search">
      <Field form={form} name={name} label={label} hint={hint}>
        {(props) => (
          <input
            {...props}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={searchOnEnter}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void runSearch()}>
          {searchLabel}
        </button>
      </div>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {results && (
        <div role="status">
          {results.length === 0 ? (
            <p>No one in that force matches.</p>
          ) : (
            <ul className="workforce-results" aria-label={resultsLabel}>
              {results.map((person) => (
                <li key={person.id}>
                  <span>
                    <strong>{person.name}</strong> · {person.rank ?? 'No rank recorded'} · {person.staffNumber ?? 'No staff number'}
                    {person.unit ? ` · ${person.unit.name}` : ''}
                  </span>
                  <button type="button" onClick={() => choose(person)}>
                    {chooseLabel(person)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
