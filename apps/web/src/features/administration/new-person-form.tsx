import { useEffect, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { createUserBody, type AgencyView, type CreatedUserView, type CreateUserBody, type UserView } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { adminKeys, useUnits } from './admin-data';
import { PersonFields, personLabels, type PersonFieldValues } from './person-fields';

/**
 * A new account. The agency comes first: it decides whether police details are asked for, which
 * units and which line managers can be chosen. Fields that do not apply are not sent.
 */
export function NewPersonForm({
  agencies,
  people,
  initialAgencyId,
  onCreated,
}: {
  agencies: readonly AgencyView[];
  people: readonly UserView[];
  initialAgencyId: string | null;
  onCreated: (created: CreatedUserView) => void;
}) {
  const form = useSchemaForm(createUserBody, {
    defaultValues: { name: '', email: '', agencyId: initialAgencyId ?? '', unitId: null, roles: [] },
    shouldUnregister: true,
  });
  const agencyId = form.watch('agencyId');
  const agency = agencies.find((candidate) => candidate.id === agencyId);
  const units = useUnits(agency?.kind === 'police_force' ? agency.id : null);
  const create = useApiMutation<CreateUserBody, CreatedUserView>('POST', '/api/users', [adminKeys.people]);
  const [message, setMessage] = useState<string | null>(null);

  // Another agency: its units and line managers are others.
  useEffect(() => {
    form.setValue('unitId', null);
    form.setValue('lineManagerId', null);
  }, [agencyId, form]);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    try {
      onCreated(await create.mutateAsync(body));
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="new-person">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-label="New person">
        <ErrorSummary errors={form.formState.errors} message={message} labels={personLabels} />
        <Field form={form} name="agencyId" label={personLabels.agencyId}>
          {(props) => (
            <select {...props} {...form.register('agencyId')}>
              <option value="">Choose their agency</option>
              {agencies.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({wordsFor(candidate.kind)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <PersonFields
          form={form as unknown as UseFormReturn<PersonFieldValues, unknown, FieldValues>}
          agency={agency}
          units={units.data ?? []}
          people={people}
          userId={null}
        />
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Create the account
          </button>
        </div>
      </form>
    </FormScope>
  );
}
