import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  agencyKinds,
  createAgencyBody,
  updateAgencyBody,
  type AgencyView,
  type CreateAgencyBody,
  type UpdateAgencyBody,
} from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { adminKeys } from './admin-data';

const labels = { name: 'Name', kind: 'Kind', code: 'Code' };
const codeHint = 'A short code of 2 to 16 capital letters, digits or dashes, such as NMP.';
/** Codes are capitals: what is typed is sent in capitals, and shown so. */
const inCapitals = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

/** A new agency; once added, its screen opens (units and teams are added there). */
export function CreateAgencyForm() {
  const navigate = useNavigate();
  const form = useSchemaForm(createAgencyBody, { defaultValues: { name: '', code: '' } });
  const create = useApiMutation<CreateAgencyBody, AgencyView>('POST', '/api/agencies', [adminKeys.agencies]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    try {
      const agency = await create.mutateAsync(body);
      await navigate(`/administration/agencies/${agency.id}`);
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="new-agency">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-agency-heading">
        <h2 id="new-agency-heading">Add an agency</h2>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <div className="grid-3">
          <Field form={form} name="name" label="Name">
            {(props) => <input {...props} {...form.register('name')} autoComplete="off" />}
          </Field>
          <Field form={form} name="kind" label="Kind">
            {(props) => (
              <select {...props} {...form.register('kind')}>
                <option value="">Choose the kind of agency</option>
                {agencyKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {wordsFor(kind)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="code" label="Code" hint={codeHint}>
            {(props) => (
              <input {...props} {...form.register('code', { setValueAs: inCapitals })} className="code-input" autoComplete="off" />
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Add the agency
          </button>
        </div>
      </form>
    </FormScope>
  );
}

/** An agency's name and code; its kind decides what the policy makes of its people, so it is fixed once added. */
export function EditAgencyForm({ agency }: { agency: AgencyView }) {
  const form = useSchemaForm(updateAgencyBody, { defaultValues: { name: agency.name, code: agency.code } });
  const update = useApiMutation<UpdateAgencyBody, AgencyView>('PATCH', `/api/agencies/${agency.id}`, [adminKeys.agencies]);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    setSaved(null);
    const patch: UpdateAgencyBody = {
      ...(values.name !== agency.name ? { name: values.name } : {}),
      ...(values.code !== agency.code ? { code: values.code } : {}),
    };
    if (Object.keys(patch).length === 0) return setSaved('Nothing has changed.');
    try {
      const changed = await update.mutateAsync(patch);
      form.reset({ name: changed.name, code: changed.code });
      setSaved('The agency is saved.');
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="agency">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="agency-details-heading">
        <h2 id="agency-details-heading">Details</h2>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <div className="grid-3">
          <Field form={form} name="name" label="Name">
            {(props) => <input {...props} {...form.register('name')} autoComplete="off" />}
          </Field>
          <div className="field">
            <p className="label">Kind</p>
            <p>
              {wordsFor(agency.kind)} <span className="muted">(fixed once the agency is added)</span>
            </p>
          </div>
          <Field form={form} name="code" label="Code" hint={codeHint}>
            {(props) => (
              <input {...props} {...form.register('code', { setValueAs: inCapitals })} className="code-input" autoComplete="off" />
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Save the agency
          </button>
        </div>
        <p role="status" className="success">
          {saved}
        </p>
      </form>
    </FormScope>
  );
}
