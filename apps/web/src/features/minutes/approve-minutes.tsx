import { useState } from 'react';
import { approveMinutesBody, type ApproveMinutesBody, type ConferenceMinutesView } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, useSchemaForm } from '../../lib/forms';
import { useMinutesChange } from './minutes-data';

/** A correction says why: the same body as the first approval, with its reason required. */
const correctionBody = approveMinutesBody.refine((body) => body.correctionReason !== null, {
  path: ['correctionReason'],
  message: 'say why the minutes are corrected',
});

const labels: Record<string, string> = { correctionReason: 'Why the minutes are corrected' };

/**
 * Approving the draft as it was last saved. Approved minutes are never changed: a later approval is a
 * correction, a new version with its reason, and whoever holds a copy of the last one is told. So it is
 * confirmed in a second step that says so.
 */
export function ApproveMinutes(props: { view: ConferenceMinutesView; revision: number; hasUnsavedChanges: boolean }) {
  const isCorrection = props.view.versions.length > 0;
  // Said here, not in the form: approving the first version turns the form into the correction's.
  const [approved, setApproved] = useState<number | null>(null);
  return (
    <>
      {approved !== null && (
        <p className="success" role="status">
          Version {approved} approved. Approved minutes cannot be changed; distribute them below.
        </p>
      )}
      {/* A form of its own for each: the schema differs. */}
      <ApproveForm key={isCorrection ? 'correction' : 'first'} isCorrection={isCorrection} onApproved={setApproved} {...props} />
    </>
  );
}

function ApproveForm({
  view,
  revision,
  hasUnsavedChanges,
  isCorrection,
  onApproved,
}: {
  view: ConferenceMinutesView;
  revision: number;
  hasUnsavedChanges: boolean;
  isCorrection: boolean;
  onApproved: (version: number | null) => void;
}) {
  const form = useSchemaForm(isCorrection ? correctionBody : approveMinutesBody, {
    defaultValues: { revision, correctionReason: isCorrection ? '' : null },
  });
  const approve = useMinutesChange(view.conferenceId);
  const [checked, setChecked] = useState<ApproveMinutesBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const next = (view.versions.at(-1)?.version ?? 0) + 1;

  const confirm = async () => {
    if (!checked) return;
    try {
      const result = await approve.mutateAsync((api) =>
        api.post<ConferenceMinutesView>(`/api/conferences/${view.conferenceId}/minutes/approve`, { ...checked, revision }),
      );
      setChecked(null);
      form.reset({ revision, correctionReason: '' });
      onApproved(result.versions.at(-1)?.version ?? next);
    } catch (error) {
      setChecked(null);
      setMessage(applyServerErrors(form, error));
    }
  };

  return (
    <form
      className="card"
      noValidate
      aria-labelledby="approve-heading"
      onSubmit={(event) =>
        void form.handleSubmit((values) => {
          setMessage(null);
          onApproved(null);
          setChecked(values);
        })(event)
      }
    >
      <h2 id="approve-heading">{isCorrection ? 'Correct the approved minutes' : 'Approve the minutes'}</h2>
      <p className="hint">
        {isCorrection
          ? `Approving the draft again makes version ${next}, a correction of version ${next - 1}. Say what was corrected and why: it is kept with the version, and whoever holds a copy of version ${next - 1} is told.`
          : 'Approving records the draft as version 1 of the minutes, with who approved it and when. Distribute it afterwards.'}
      </p>
      <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
      {isCorrection && (
        <Field form={form} name="correctionReason" label={labels.correctionReason}>
          {(fieldProps) => <textarea {...fieldProps} rows={3} readOnly={checked !== null} {...form.register('correctionReason')} />}
        </Field>
      )}
      {hasUnsavedChanges && <p className="muted">Save the draft first: what is approved is the draft as last saved.</p>}
      {checked ? (
        <div className="confirm" role="group" aria-labelledby="approve-consequence">
          <p id="approve-consequence">
            Approved minutes cannot be changed: they can only be corrected by a new version, with its reason. Approve revision {revision} of
            the draft as version {next}?
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void confirm()} disabled={approve.isPending}>
              Confirm: approve version {next}
            </button>
            <button type="button" className="secondary" onClick={() => setChecked(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" disabled={hasUnsavedChanges || approve.isPending}>
            {isCorrection ? 'Approve the correction' : 'Approve the minutes'}
          </button>
        </div>
      )}
    </form>
  );
}
