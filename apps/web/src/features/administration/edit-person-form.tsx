import { useState } from 'react';
import { updateUserBody, type AgencyView, type UnitView, type UpdateUserBody, type UserView } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { adminKeys } from './admin-data';
import { PersonFields, personLabels } from './person-fields';

const editable = ['name', 'email', 'unitId', 'roles', 'staffNumber', 'rank', 'lineManagerId'] as const;

const recordOf = (person: UserView) => ({
  name: person.name,
  email: person.email,
  unitId: person.unitId,
  roles: [...person.roles],
  staffNumber: person.staffNumber,
  rank: person.rank,
  lineManagerId: person.lineManagerId,
});

/** Roles in any order are the same roles. */
const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...(value as string[])].sort() : (value ?? null));

/** A person's record; only what was changed is sent, so that two administrators do not undo each other's edits. */
export function EditPersonForm({
  person,
  agency,
  units,
  people,
}: {
  person: UserView;
  agency: AgencyView | undefined;
  units: readonly UnitView[];
  people: readonly UserView[];
}) {
  const form = useSchemaForm(updateUserBody, { defaultValues: recordOf(person) });
  const update = useApiMutation<UpdateUserBody, UserView>('PATCH', `/api/users/${person.id}`, [adminKeys.people]);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    setSaved(null);
    const before = recordOf(person);
    const patch = Object.fromEntries(
      editable
        .filter((key) => values[key] !== undefined && comparable(values[key]) !== comparable(before[key]))
        .map((key) => [key, values[key]]),
    ) as UpdateUserBody;
    if (Object.keys(patch).length === 0) return setSaved('Nothing has changed.');
    try {
      const changed = await update.mutateAsync(patch);
      form.reset(recordOf(changed));
      setSaved(`The record of ${changed.name} is saved.`);
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="person">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="person-details-heading">
        <h2 id="person-details-heading">Details</h2>
        <ErrorSummary errors={form.formState.errors} message={message} labels={personLabels} />
        <PersonFields form={form} agency={agency} units={units} people={people} userId={person.id} />
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Save the record
          </button>
        </div>
        <p role="status" className="success">
          {saved}
        </p>
      </form>
    </FormScope>
  );
}
