import { useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import type { ForceUnitView } from '@caseroom/contracts';
import { DateField, Field } from '../../lib/forms';
import { useApiQuery } from '../../lib/query';
import { useSession } from '../../session';
import { blankAsNull, type ReferralForm } from './referral-values';
import { useWorkforceMember, WorkforceSearch } from './workforce-search';

type WorkplaceField = 'victim.userId' | 'victim.unitId' | 'victim.lineManagerId';

/**
 * Where the victim works, when it is a police force: picked from the force's records where they have a
 * Caseroom account (conflicts then follow those records), or their unit and line manager given where they
 * have none. Their colleagues are stepped out of the case as the suspect's are.
 */
export function VictimWorkplace({ form }: { form: ReferralForm }) {
  const { agencies } = useSession();
  const forces = [...agencies.values()].filter((agency) => agency.kind === 'police_force');
  const [forceId, userId, unitId, lineManagerId] = useWatch({
    control: form.control,
    name: ['victim.employerForceId', 'victim.userId', 'victim.unitId', 'victim.lineManagerId'],
  });
  const [hasNoAccount, setNoAccount] = useState(() => !userId && (!!unitId || !!lineManagerId));
  const picked = useWorkforceMember(hasNoAccount ? null : userId).data ?? null;
  const manager = useWorkforceMember(hasNoAccount ? lineManagerId : null).data ?? null;
  const units = useApiQuery<ForceUnitView[]>(
    ['force-units', forceId],
    forceId && hasNoAccount ? `/api/referrals/workforce/units?${new URLSearchParams({ forceId }).toString()}` : null,
  );

  const set = (name: WorkplaceField, value: string | null) => form.setValue(name, value, { shouldDirty: true });
  const clear = () => {
    for (const name of ['victim.userId', 'victim.unitId', 'victim.lineManagerId'] as const) set(name, null);
    form.setValue('victim.postings', [], { shouldDirty: true });
  };
  const noAccount = (isTyped: boolean) => {
    setNoAccount(isTyped);
    clear();
  };

  return (
    <fieldset>
      <legend>Where the victim works</legend>
      <Field
        form={form}
        name="victim.employerForceId"
        label="If the victim works for a police force, which"
        hint="Their colleagues are then stepped out of the case, as the suspect's are."
      >
        {(props) => (
          // Someone picked in one force is no one in another: a new force starts the workplace again.
          <select {...props} {...form.register('victim.employerForceId', { setValueAs: blankAsNull, onChange: clear })}>
            <option value="">Not police staff</option>
            {forces.map((force) => (
              <option key={force.id} value={force.id}>
                {force.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      {forceId && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={hasNoAccount} onChange={(event) => noAccount(event.target.checked)} />
            The victim has no Caseroom account: I will give their unit and line manager
          </label>

          {!hasNoAccount && !userId && (
            <WorkforceSearch
              form={form}
              name="victim.userId"
              label="Find the victim in their force's records"
              hint="Their name, or the start of their staff number. Leave it if you do not know where in the force they work."
              forceId={forceId}
              searchLabel="Search the victim's force"
              resultsLabel="People found in the victim's force"
              chooseLabel={(person) => `Choose ${person.name} as the victim`}
              onChoose={(person) => set('victim.userId', person.id)}
            />
          )}

          {!hasNoAccount && userId && (
            <div className="picked" data-testid="picked-victim">
              <h3>{picked?.name ?? 'Chosen from the records'}</h3>
              {picked && (
                <dl className="fields summary-list">
                  <dt>Unit</dt>
                  <dd>{picked.unit?.name ?? '—'}</dd>
                  <dt>Role</dt>
                  <dd>{picked.roleTitle ?? '—'}</dd>
                  <dt>Line manager</dt>
                  <dd>{picked.lineManager?.name ?? '—'}</dd>
                </dl>
              )}
              <div className="actions">
                <button type="button" className="secondary" onClick={() => set('victim.userId', null)}>
                  Choose someone else as the victim
                </button>
              </div>
            </div>
          )}

          {hasNoAccount && (
            <>
              {/* Shown once the units are known, so that a draft's unit is shown chosen, not "Not known". */}
              {units.data ? (
                <Field form={form} name="victim.unitId" label="Their unit or team (optional)">
                  {(props) => (
                    <select {...props} {...form.register('victim.unitId', { setValueAs: blankAsNull })}>
                      <option value="">Not known</option>
                      {units.data.map((unit) => (
                        <option key={unit.id} value={unit.id}>
                          {unit.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : (
                <p role="status">{units.error ? "The force's units could not be read." : "Reading the force's units…"}</p>
              )}
              {lineManagerId ? (
                <div className="picked" data-testid="victim-line-manager">
                  <p>
                    Line manager: <strong>{manager?.name ?? 'chosen from the records'}</strong>
                    {manager?.unit ? `, ${manager.unit.name}` : ''}
                  </p>
                  <div className="actions">
                    <button type="button" className="secondary" onClick={() => set('victim.lineManagerId', null)}>
                      Choose another line manager
                    </button>
                  </div>
                </div>
              ) : (
                <WorkforceSearch
                  form={form}
                  name="victim.lineManagerId"
                  label="Find their line manager in the force's records (optional)"
                  hint="Their name, or the start of their staff number."
                  forceId={forceId}
                  searchLabel="Search for the line manager"
                  resultsLabel="Line managers found"
                  chooseLabel={(person) => `Choose ${person.name} as their line manager`}
                  onChoose={(person) => set('victim.lineManagerId', person.id)}
                />
              )}
              <VictimPostings form={form} units={units.data ?? []} />
            </>
          )}
        </>
      )}
    </fieldset>
  );
}

/**
 * Where a victim without an account has served before, as the referrer knows it: anyone posted to the same
 * unit at the same time is stepped out too. Each posting is a unit of her force and the dates it ran.
 */
function VictimPostings({ form, units }: { form: ReferralForm; units: readonly ForceUnitView[] }) {
  const postings = useFieldArray({ control: form.control, name: 'victim.postings' });
  const unitName = (unitId: string) => units.find((unit) => unit.id === unitId)?.name ?? 'A unit of the force';
  return (
    <fieldset className="postings" data-testid="victim-postings">
      <legend>Her earlier postings (optional)</legend>
      <p className="hint">Anyone posted to the same unit while she was there is stepped out of the case too.</p>
      {postings.fields.length === 0 && <p>No posting is given.</p>}
      {postings.fields.map((posting, index) => (
        <div key={posting.id} className="posting card" role="group" aria-label={`Posting ${index + 1}: ${unitName(posting.unitId)}`}>
          <Field form={form} name={`victim.postings.${index}.unitId`} label="Unit">
            {(props) => (
              <select {...props} {...form.register(`victim.postings.${index}.unitId`)}>
                <option value="">Choose the unit</option>
                {units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="grid-2">
            <DateField form={form as never} name={`victim.postings.${index}.startsOn`} label="From" hint="For example, 1 2 2020." />
            <DateField
              form={form as never}
              name={`victim.postings.${index}.endsOn`}
              label="Until"
              hint="Leave empty if she is still posted there."
            />
          </div>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => postings.remove(index)}>
              Remove this posting
            </button>
          </div>
        </div>
      ))}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => postings.append({ unitId: '', startsOn: null as unknown as string, endsOn: null })}
        >
          Add a posting
        </button>
      </div>
    </fieldset>
  );
}
