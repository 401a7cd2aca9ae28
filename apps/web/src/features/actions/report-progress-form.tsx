import { useState } from 'react';
import { actionStatuses, reportOnActionBody, type ReportOnActionBody, type TrackedActionView } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { trackerKey } from './tracker-filters';

const labels: Record<string, string> = { status: 'Where it stands', note: 'What has been done' };

/**
 * The owner's report between meetings. A report that closes the action (done, not possible, not done)
 * cannot be taken back, so it is confirmed in a second step; one that leaves it open is sent at once.
 */
export function ReportProgressForm({ action }: { action: TrackedActionView }) {
  const form = useSchemaForm(reportOnActionBody, { defaultValues: { status: 'open', note: '' } });
  const submit = useApiMutation<ReportOnActionBody>('POST', `/api/cases/${action.caseId}/actions/${action.id}/reports`, [trackerKey]);
  const [closing, setClosing] = useState<ReportOnActionBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const send = async (body: ReportOnActionBody) => {
    setMessage(null);
    try {
      await submit.mutateAsync(body);
      form.reset({ status: 'open', note: '' });
      setSent(body.status === 'open' ? 'Your progress report is recorded.' : `The action is marked: ${wordsFor(body.status)}.`);
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    } finally {
      setClosing(null);
    }
  };

  return (
    <FormScope name={`report-${action.id}`}>
      <form
        noValidate
        aria-label={`Report progress on ${action.reference}: ${action.text}`}
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            setSent(null);
            if (values.status === 'open') void send(values);
            else setClosing(values);
          })(event)
        }
      >
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="status" label={labels.status}>
          {(props) => (
            <select {...props} {...form.register('status')} disabled={closing !== null}>
              {actionStatuses.map((status) => (
                <option key={status} value={status}>
                  {status === 'open' ? 'Still open: a progress report' : wordsFor(status)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="note" label={labels.note} hint="Say what your agency has done since the meeting, and what is next.">
          {(props) => <textarea {...props} rows={3} {...form.register('note')} readOnly={closing !== null} />}
        </Field>
        {closing ? (
          <div className="confirm" role="group" aria-label="Confirm closing the action">
            <p>
              This marks the action &ldquo;{wordsFor(closing.status)}&rdquo; on {action.reference}. It leaves the tracker&apos;s open list
              and cannot be reopened here.
            </p>
            <div className="actions">
              <button type="button" className="danger" disabled={submit.isPending} onClick={() => void send(closing)}>
                Confirm: {wordsFor(closing.status)}
              </button>
              <button type="button" className="secondary" onClick={() => setClosing(null)}>
                Change it
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" disabled={submit.isPending}>
              Send report
            </button>
          </div>
        )}
        {sent && (
          <p className="success" role="status">
            {sent}
          </p>
        )}
      </form>
    </FormScope>
  );
}
