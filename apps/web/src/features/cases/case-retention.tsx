import { useState } from 'react';
import { legalHoldBody, type CaseRetentionView, type LegalHoldBody } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useBodyForm } from '../../lib/forms';
import { useApiMutation, useApiResource } from '../../lib/query';
import { formatDate, formatDateTime, formatPeriod, wordsFor } from '../../lib/words';

const labels = { reason: 'Reason' };
const empty = { reason: '' };

/**
 * For coordinators, chairs and professional standards: when each kind of the case's records falls due for
 * erasure after it closed, and the legal hold that keeps everything while it is set (decision 0031).
 */
export function CaseRetention({ caseId }: { caseId: string }) {
  const retention = useApiResource<CaseRetentionView>(['case', caseId, 'retention'], `/api/cases/${caseId}/retention`);
  // Others are refused by the server; the card is not shown to them at all.
  if (retention.error && !retention.data) return null;
  const view = retention.data;
  return (
    <section className="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      {view && (
        <>
          <p>
            {view.closedOn
              ? `The case closed on ${formatDate(view.closedOn)}. Each kind of record is erased when its period has passed, unless a legal hold is set.`
              : 'The case is open: nothing of it is erased while it is open.'}
          </p>
          <table>
            <caption className="visually-hidden">When each kind of record falls due for erasure</caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Kept after closure</th>
                <th scope="col">Falls due</th>
              </tr>
            </thead>
            <tbody>
              {view.kinds.map((kind) => (
                <tr key={kind.kind}>
                  <th scope="row">{wordsFor(kind.kind)}</th>
                  <td>{formatPeriod(kind.days)}</td>
                  <td>
                    {kind.erasedAt
                      ? `Erased ${formatDateTime(kind.erasedAt)}`
                      : kind.dueOn
                        ? formatDate(kind.dueOn)
                        : 'When the case closes'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.hold ? (
            <p data-testid="legal-hold">
              <strong>Under a legal hold</strong> since {formatDateTime(view.hold.setAt)}, set by {view.hold.setByName}: {view.hold.reason}
            </p>
          ) : (
            <p>No legal hold is set.</p>
          )}
          {view.canManageHold && <LegalHoldForm caseId={caseId} isHeld={view.hold !== null} />}
        </>
      )}
    </section>
  );
}

/** Sets or releases the hold, with a reason, after a confirmation that says what follows. */
function LegalHoldForm({ caseId, isHeld }: { caseId: string; isHeld: boolean }) {
  const form = useBodyForm(legalHoldBody, (values: typeof empty) => values, { defaultValues: empty });
  const path = isHeld ? `/api/cases/${caseId}/legal-hold/release` : `/api/cases/${caseId}/legal-hold`;
  const change = useApiMutation<LegalHoldBody, CaseRetentionView>('POST', path, [['case', caseId, 'retention']]);
  const [pending, setPending] = useState<LegalHoldBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const action = isHeld ? 'Release the legal hold' : 'Set a legal hold';

  const ask = form.handleSubmit((body) => {
    setMessage(null);
    setPending(body);
  });
  const confirm = async () => {
    if (!pending) return;
    try {
      await change.mutateAsync(pending);
      form.reset(empty);
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    } finally {
      setPending(null);
    }
  };

  return (
    <FormScope name="legal-hold">
      <form onSubmit={(event) => void ask(event)} noValidate aria-label={action}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field
          form={form}
          name="reason"
          label={labels.reason}
          hint={isHeld ? 'Why the hold is no longer needed.' : 'For example, a claim or an inquiry that needs the records kept.'}
        >
          {(props) => <textarea {...props} rows={2} {...form.register('reason')} />}
        </Field>
        {pending ? (
          <div className="confirm" role="group" aria-label={`Confirm: ${action.toLowerCase()}`}>
            <p>
              {isHeld
                ? 'Once released, the case’s records are erased when their periods have passed, and that cannot be undone.'
                : 'Nothing of this case will be erased while the hold is set, whatever its periods.'}
            </p>
            <div className="actions">
              <button type="button" className="danger" autoFocus disabled={change.isPending} onClick={() => void confirm()}>
                {isHeld ? 'Confirm and release' : 'Confirm and set the hold'}
              </button>
              <button type="button" className="secondary" onClick={() => setPending(null)}>
                Go back
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit">{action}</button>
          </div>
        )}
      </form>
    </FormScope>
  );
}
