import { useState } from 'react';
import {
  victimStatusDraftBody,
  type ReleaseVictimStatusBody,
  type VictimStatusDraftBody,
  type VictimStatusWorkView,
} from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { errorMessage, useApiMutation, useApiQuery } from '../../lib/query';
import { formatDateTime } from '../../lib/words';

const workKey = ['victim-statuses'];
const labels: Record<string, string> = { text: 'Status for the victim' };

/**
 * Professional standards write, for each case of their force, a plain-language status of what they have
 * done, and release it for the IDVA to pass on. Until released it stays with PSD; released, it is fixed.
 */
export function VictimStatusWork() {
  const work = useApiQuery<VictimStatusWorkView[]>(workKey, '/api/victim-statuses');
  return (
    <section className="card" aria-labelledby="victim-status-heading">
      <h2 id="victim-status-heading">Status for the victim</h2>
      <p className="hint">
        What professional standards have done, in plain words, for the victim&rsquo;s IDVA to pass on. Nothing leaves professional standards
        until you release it; a released status cannot be taken back, only followed by a newer one.
      </p>
      {work.error && (
        <p className="error" role="alert">
          {errorMessage(work.error)}
        </p>
      )}
      {work.data && work.data.length === 0 && <p>No case of this force waits for a status.</p>}
      <ul className="record-list" data-testid="victim-status-work">
        {(work.data ?? []).map((item) => (
          <li key={item.caseId}>
            <CaseStatusWork item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CaseStatusWork({ item }: { item: VictimStatusWorkView }) {
  const [latest, ...earlier] = item.released;
  return (
    <>
      <h3>{item.reference}</h3>
      {latest ? (
        <>
          <p className="muted">
            Released {formatDateTime(latest.releasedAt)} by {latest.releasedByName}
            {earlier.length > 0 && `, superseding ${earlier.length === 1 ? 'one earlier status' : `${earlier.length} earlier statuses`}`}
          </p>
          <blockquote className="released-text">{latest.text}</blockquote>
        </>
      ) : (
        <p>Nothing released yet.</p>
      )}
      <DraftForm item={item} />
    </>
  );
}

function DraftForm({ item }: { item: VictimStatusWorkView }) {
  const draft = item.draft;
  const form = useSchemaForm(victimStatusDraftBody, { values: { text: draft?.text ?? '' } });
  const save = useApiMutation<VictimStatusDraftBody, VictimStatusWorkView>('POST', `/api/cases/${item.caseId}/victim-status/draft`, [
    workKey,
  ]);
  const release = useApiMutation<ReleaseVictimStatusBody, VictimStatusWorkView>('POST', `/api/cases/${item.caseId}/victim-status/release`, [
    workKey,
  ]);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setDone(null);
    try {
      await save.mutateAsync(body);
      setDone('The draft is saved. It stays with professional standards until you release it.');
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });
  const releaseDraft = async (revision: number) => {
    setMessage(null);
    setDone(null);
    try {
      await release.mutateAsync({ revision });
      setDone('Released. The IDVA is told, and reads it on the case.');
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <FormScope name={`status-${item.caseId}`}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Status for the victim: ${item.reference}`}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field
          form={form}
          name="text"
          label={draft ? 'Draft, not yet released' : 'Write a new status'}
          hint="Plain words, no jargon or detail that could identify anyone: where the misconduct and criminal processes stand."
        >
          {(props) => <textarea {...props} rows={4} {...form.register('text')} />}
        </Field>
        {draft && (
          <p className="muted">
            Draft saved {formatDateTime(draft.writtenAt)} by {draft.writtenByName}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="secondary" disabled={form.formState.isSubmitting}>
            Save the draft
          </button>
          {draft && (
            <ConfirmStep
              label="Release to the IDVA"
              accessibleLabel={`Release the status for the victim on ${item.reference}`}
              question={`Release the status on ${item.reference}?`}
              disabled={form.formState.isDirty}
              isBusy={release.isPending}
              confirmLabel="Release it"
              consequence={
                <>
                  <p>
                    The victim&rsquo;s IDVA on {item.reference} will be told, and will read these words to pass on to her. A released status
                    cannot be taken back: you can only release a newer one after it.
                  </p>
                  <blockquote className="released-text">{draft.text}</blockquote>
                </>
              }
              onConfirm={() => void releaseDraft(draft.revision)}
            />
          )}
        </div>
        {draft && form.formState.isDirty && (
          <p className="hint">Save the draft before releasing it: what is released is the saved draft.</p>
        )}
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
      </form>
    </FormScope>
  );
}
