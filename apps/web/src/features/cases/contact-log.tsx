import { useState } from 'react';
import {
  contactMethods,
  recordContactBody,
  type ContactLogView,
  type RecordContactBody,
  type VictimContactView,
} from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation, useApiResource } from '../../lib/query';
import { formatDate, formatDateTime, wordsFor } from '../../lib/words';

const labels: Record<string, string> = {
  contactedOn: 'Date of the contact',
  method: 'How',
  safeContact: 'Her preferred and safe way to be contacted',
  said: 'What was said',
  agreed: 'What was agreed',
};

/** An optional box left empty is no value: null, as the body has it. */
const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** The contact log between the IDVA and the victim: newest first, and a form to add a contact. */
export function ContactLog({ caseId }: { caseId: string }) {
  const key = ['case', caseId, 'contacts'];
  const log = useApiResource<ContactLogView>(key, `/api/cases/${caseId}/contacts`);
  return (
    <section className="card" aria-labelledby="contact-log-heading">
      <h2 id="contact-log-heading">Contact log</h2>
      <p className="hint">
        Victim communications go through the IDVA. Only the people who may see the victim&rsquo;s side of the case read this.
      </p>
      {log.error && (
        <p className="error" role="alert">
          {log.error}
        </p>
      )}
      {log.data && (
        <p>
          <strong>Preferred and safe contact:</strong> {log.data.latestSafeContact ?? 'not given yet'}
        </p>
      )}
      {log.data && log.data.contacts.length === 0 && <p>No contact is logged yet.</p>}
      {log.data && log.data.contacts.length > 0 && (
        <ul className="record-list" aria-label="Contacts, newest first">
          {log.data.contacts.map((contact) => (
            <ContactEntry key={contact.id} contact={contact} />
          ))}
        </ul>
      )}
      <RecordContactForm caseId={caseId} invalidates={key} />
    </section>
  );
}

function ContactEntry({ contact }: { contact: VictimContactView }) {
  return (
    <li>
      <p>
        <strong>
          {formatDate(contact.contactedOn)} · {wordsFor(contact.method)}
        </strong>
      </p>
      <p>{contact.said}</p>
      {contact.agreed && (
        <p>
          <strong>Agreed:</strong> {contact.agreed}
        </p>
      )}
      {contact.safeContact && (
        <p>
          <strong>Safe contact:</strong> {contact.safeContact}
        </p>
      )}
      <p className="muted">
        Logged by {contact.recordedByName}, {formatDateTime(contact.recordedAt)}
      </p>
    </li>
  );
}

function RecordContactForm({ caseId, invalidates }: { caseId: string; invalidates: readonly string[] }) {
  const empty = {
    contactedOn: null as unknown as string,
    method: '' as RecordContactBody['method'],
    safeContact: null,
    said: '',
    agreed: null,
  };
  const form = useSchemaForm(recordContactBody, { defaultValues: empty });
  const record = useApiMutation<RecordContactBody, VictimContactView>('POST', `/api/cases/${caseId}/contacts`, [[...invalidates]]);
  const [message, setMessage] = useState<string | null>(null);
  const [isAdded, setAdded] = useState(false);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setAdded(false);
    try {
      await record.mutateAsync(body);
      setAdded(true);
      form.reset(empty);
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });

  return (
    <FormScope name="contact">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="contact-form-heading">
        <h3 id="contact-form-heading">Log a contact</h3>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <div className="grid-2">
          <DateField form={form as never} name="contactedOn" label={labels.contactedOn} hint="For example, 20 11 2026." />
          <Field form={form} name="method" label={labels.method}>
            {(props) => (
              <select {...props} {...form.register('method')}>
                <option value="">Choose how</option>
                {contactMethods.map((method) => (
                  <option key={method} value={method}>
                    {wordsFor(method)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field form={form} name="said" label={labels.said}>
          {(props) => <textarea {...props} rows={3} {...form.register('said')} />}
        </Field>
        <Field form={form} name="agreed" label={labels.agreed} hint="Optional.">
          {(props) => <textarea {...props} rows={2} {...form.register('agreed', { setValueAs: blankAsNull })} />}
        </Field>
        <Field
          form={form}
          name="safeContact"
          label={labels.safeContact}
          hint="Optional: as she gave it this time, such as a number, the times to call and whether to leave a message."
        >
          {(props) => <input {...props} {...form.register('safeContact', { setValueAs: blankAsNull })} />}
        </Field>
        {isAdded && (
          <p className="success" role="status">
            The contact is logged.
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Log the contact
          </button>
        </div>
      </form>
    </FormScope>
  );
}
