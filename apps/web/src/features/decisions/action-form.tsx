import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { compartments, recordActionBody, type ActionView, type RecordActionBody } from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { useSession } from '../../session';
import { compartmentLabels } from '../notes/compartments';

const labels: Record<string, string> = {
  text: 'Action',
  ownerAgencyId: 'Owner agency',
  ownerUserId: 'Owner',
  dueOn: 'Due on',
  compartment: 'Recorded in',
};

/** "Anyone at the agency", left as it is, is no one person: null, as the body has it. */
const blankAsNull = (value: unknown) => (value === '' ? null : value);

/**
 * The chair adds an action to the plan: what, which agency owns it (and which of its people, if one),
 * by when, and the compartment it is recorded in (an action that names where the victim lives belongs in
 * the victim compartment, not the panel's). Checked in the browser by the schema the server checks it with.
 */
export function ActionForm({
  caseId,
  conferenceId,
  agencyIds,
  peopleOf,
  onRecorded,
}: {
  caseId: string;
  conferenceId: string;
  agencyIds: readonly string[];
  /** The people of an agency the conference invited: an action may name one of them as its owner. */
  peopleOf: (agencyId: string) => readonly { id: string; name: string }[];
  onRecorded: (action: ActionView) => void;
}) {
  const { agencyName } = useSession();
  // The compartment stays as the chair last chose it: the next action is often recorded in the same one.
  const empty = (compartment: RecordActionBody['compartment'] = 'panel') => ({
    conferenceId,
    compartment,
    text: '',
    ownerAgencyId: '',
    ownerUserId: null,
    dueOn: null as unknown as string,
  });
  const form = useSchemaForm(recordActionBody, { defaultValues: empty() });
  const record = useApiMutation<RecordActionBody, ActionView>('POST', `/api/cases/${caseId}/actions`);
  const owner = useWatch({ control: form.control, name: 'ownerAgencyId' });
  const [message, setMessage] = useState<string | null>(null);
  const [isAdded, setAdded] = useState(false);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setAdded(false);
    try {
      onRecorded(await record.mutateAsync(body));
      setAdded(true);
      form.reset(empty(body.compartment));
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });

  return (
    <FormScope name="action">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="action-form-heading">
        <h3 id="action-form-heading">Add an action</h3>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="text" label={labels.text}>
          {(props) => <input {...props} {...form.register('text')} />}
        </Field>
        <div className="grid-2">
          <Field form={form} name="ownerAgencyId" label={labels.ownerAgencyId}>
            {(props) => (
              <select {...props} {...form.register('ownerAgencyId', { onChange: () => form.setValue('ownerUserId', null) })}>
                <option value="">Choose an agency</option>
                {agencyIds.map((agencyId) => (
                  <option key={agencyId} value={agencyId}>
                    {agencyName(agencyId)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="ownerUserId" label={labels.ownerUserId}>
            {(props) => (
              <select {...props} {...form.register('ownerUserId', { setValueAs: blankAsNull })} disabled={!owner}>
                <option value="">{owner ? 'Anyone at the agency' : 'Choose the agency first'}</option>
                {(owner ? peopleOf(owner) : []).map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="grid-2">
          <DateField form={form as never} name="dueOn" label={labels.dueOn} hint="For example, 3 12 2026." />
          <Field form={form} name="compartment" label={labels.compartment}>
            {(props) => (
              <select {...props} {...form.register('compartment')}>
                {compartments.map((option) => (
                  <option key={option} value={option}>
                    {compartmentLabels[option]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {isAdded && (
          <p className="success" role="status">
            Action added.
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Add the action
          </button>
        </div>
      </form>
    </FormScope>
  );
}
