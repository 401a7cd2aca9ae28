import { useEffect, useState, type KeyboardEvent } from 'react';
import { useWatch } from 'react-hook-form';
import type { WorkforceMemberView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { Field } from '../../lib/forms';
import { formatDate } from '../../lib/words';
import { useSession } from '../../session';
import { blankAsNull, type ReferralForm } from './referral-values';

/**
 * The suspect: picked from the records of their force where they have a Caseroom account (the form then
 * shows what the records say of them, and conflicts follow those records), or typed where they have none.
 */
export function SuspectPicker({ form }: { form: ReferralForm }) {
  const { api, agencies } = useSession();
  const forces = [...agencies.values()].filter((agency) => agency.kind === 'police_force');
  const [forceId, userId, pickedName] = useWatch({ control: form.control, name: ['suspect.forceId', 'suspect.userId', 'suspect.name'] });
  const [isTyped, setTyped] = useState(() => !userId && !!pickedName);
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<WorkforceMemberView[] | null>(null);
  const [picked, setPicked] = useState<WorkforceMemberView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const find = async (text: string): Promise<WorkforceMemberView[] | null> => {
    if (!forceId) {
      setMessage('Choose the force first.');
      return null;
    }
    try {
      setMessage(null);
      const query = new URLSearchParams({ forceId, search: text });
      return await api.get<WorkforceMemberView[]>(`/api/referrals/workforce?${query.toString()}`);
    } catch (error) {
      setMessage(error instanceof ApiError ? (error.details[0]?.message ?? error.message) : 'The records could not be searched.');
      return null;
    }
  };

  // A draft names the suspect it picked: their record is looked up again to show it (once per pick).
  useEffect(() => {
    if (!userId || !forceId || !pickedName || picked?.id === userId) return;
    void find(pickedName).then((found) => setPicked(found?.find((person) => person.id === userId) ?? null));
  }, [userId, forceId]);

  const runSearch = async () => {
    const found = await find(search);
    if (found) setResults(found);
  };
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void runSearch();
  };
  const choose = (person: WorkforceMemberView) => {
    const set = (name: `suspect.${'userId' | 'name' | 'rank' | 'staffNumber' | 'roleTitle'}`, value: string | null) =>
      form.setValue(name, value, { shouldDirty: true });
    set('suspect.userId', person.id);
    set('suspect.name', person.name);
    set('suspect.rank', person.rank);
    set('suspect.staffNumber', person.staffNumber);
    set('suspect.roleTitle', person.roleTitle);
    setPicked(person);
    setResults(null);
  };
  const typeInstead = (typed: boolean) => {
    setTyped(typed);
    setPicked(null);
    form.setValue('suspect.userId', null, { shouldDirty: true });
  };

  return (
    <fieldset className="card">
      <legend>
        <h2>The suspect</h2>
      </legend>
      <Field form={form} name="suspect.forceId" label="Their police force">
        {(props) => (
          <select {...props} {...form.register('suspect.forceId', { setValueAs: blankAsNull })}>
            <option value="">Choose a force</option>
            {forces.map((force) => (
              <option key={force.id} value={force.id}>
                {force.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={isTyped} onChange={(event) => typeInstead(event.target.checked)} />
        They have no Caseroom account: I will type their details
      </label>

      {!isTyped && !picked && (
        <div className="suspect-search">
          <Field
            form={form}
            name="suspect.userId"
            label="Find them in the force's records"
            hint="Their name, or the start of their staff number."
          >
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
              Search the records
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
                <ul className="workforce-results" aria-label="People found">
                  {results.map((person) => (
                    <li key={person.id}>
                      <span>
                        <strong>{person.name}</strong> · {person.rank ?? 'No rank recorded'} · {person.staffNumber ?? 'No staff number'}
                        {person.unit ? ` · ${person.unit.name}` : ''}
                      </span>
                      <button type="button" onClick={() => choose(person)}>
                        Choose {person.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      )}

      {!isTyped && picked && (
        <div className="picked" data-testid="picked-suspect">
          <h3>{picked.name}</h3>
          <dl className="fields summary-list">
            <dt>Force</dt>
            <dd>{agencies.get(picked.forceId)?.name ?? '—'}</dd>
            <dt>Rank</dt>
            <dd>{picked.rank ?? '—'}</dd>
            <dt>Staff number</dt>
            <dd>{picked.staffNumber ?? '—'}</dd>
            <dt>Unit</dt>
            <dd>{picked.unit?.name ?? '—'}</dd>
            <dt>Role</dt>
            <dd>{picked.roleTitle ?? '—'}</dd>
            <dt>Line manager</dt>
            <dd>{picked.lineManager?.name ?? '—'}</dd>
            <dt>Postings</dt>
            <dd>
              {picked.postings.length === 0 ? (
                '—'
              ) : (
                <ul>
                  {picked.postings.map((posting) => (
                    <li key={`${posting.unitName}-${posting.startsOn}`}>
                      {posting.roleTitle}, {posting.unitName}: {formatDate(posting.startsOn)} to{' '}
                      {posting.endsOn ? formatDate(posting.endsOn) : 'now'}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => typeInstead(false)}>
              Choose someone else
            </button>
          </div>
        </div>
      )}

      {isTyped && (
        <div className="grid-2">
          <Field form={form} name="suspect.name" label="Their name">
            {(props) => <input {...props} {...form.register('suspect.name', { setValueAs: blankAsNull })} />}
          </Field>
          <Field form={form} name="suspect.staffNumber" label="Staff or collar number">
            {(props) => <input {...props} {...form.register('suspect.staffNumber', { setValueAs: blankAsNull })} />}
          </Field>
          <Field form={form} name="suspect.rank" label="Rank or grade (optional)">
            {(props) => <input {...props} {...form.register('suspect.rank', { setValueAs: blankAsNull })} />}
          </Field>
          <Field form={form} name="suspect.roleTitle" label="Role (optional)">
            {(props) => <input {...props} {...form.register('suspect.roleTitle', { setValueAs: blankAsNull })} />}
          </Field>
        </div>
      )}
      {(isTyped || picked) && (
        <label className="checkbox">
          <input type="checkbox" {...form.register('suspect.isPublicProtection')} />
          Works in public protection, domestic abuse, child abuse or safeguarding
        </label>
      )}
    </fieldset>
  );
}
