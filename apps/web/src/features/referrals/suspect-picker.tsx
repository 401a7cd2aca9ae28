import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import type { WorkforceMemberView } from '@caseroom/contracts';
import { Field } from '../../lib/forms';
import { formatDate } from '../../lib/words';
import { useSession } from '../../session';
import { blankAsNull, type ReferralForm } from './referral-values';
import { useWorkforceMember, WorkforceSearch } from './workforce-search';

/**
 * The suspect: picked from the records of their force where they have a Caseroom account (the form then
 * shows what the records say of them, and conflicts follow those records), or typed where they have none.
 */
export function SuspectPicker({ form }: { form: ReferralForm }) {
  const { agencies } = useSession();
  const forces = [...agencies.values()].filter((agency) => agency.kind === 'police_force');
  const [forceId, userId, pickedName] = useWatch({ control: form.control, name: ['suspect.forceId', 'suspect.userId', 'suspect.name'] });
  const [isTyped, setTyped] = useState(() => !userId && !!pickedName);
  // A draft names the suspect it picked: their record is looked up again to show it.
  const picked = useWorkforceMember(isTyped ? null : userId).data ?? null;

  const choose = (person: WorkforceMemberView) => {
    const set = (name: `suspect.${'userId' | 'name' | 'rank' | 'staffNumber' | 'roleTitle'}`, value: string | null) =>
      form.setValue(name, value, { shouldDirty: true });
    set('suspect.userId', person.id);
    set('suspect.name', person.name);
    set('suspect.rank', person.rank);
    set('suspect.staffNumber', person.staffNumber);
    set('suspect.roleTitle', person.roleTitle);
  };
  const typeInstead = (typed: boolean) => {
    setTyped(typed);
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

      {!isTyped && !userId && (
        <WorkforceSearch
          form={form}
          name="suspect.userId"
          label="Find them in the force's records"
          hint="Their name, or the start of their staff number."
          forceId={forceId}
          searchLabel="Search the records"
          resultsLabel="People found"
          chooseLabel={(person) => `Choose ${person.name}`}
          onChoose={choose}
        />
      )}

      {!isTyped && userId && (
        <div className="picked" data-testid="picked-suspect">
          <h3>{picked?.name ?? pickedName ?? 'Chosen from the records'}</h3>
          {picked && (
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
          )}
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
      {(isTyped || userId) && (
        <label className="checkbox">
          <input type="checkbox" {...form.register('suspect.isPublicProtection')} />
          Works in public protection, domestic abuse, child abuse or safeguarding
        </label>
      )}
    </fieldset>
  );
}
