import { Fragment, useState } from 'react';
import { withdrawMinutesCopyBody, type ConferenceMinutesView, type MinutesCopyView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { errorMessage } from '../../lib/query';
import { formatDateTime } from '../../lib/words';
import { useMinutesChange } from './minutes-data';

const when = (iso: string | null, otherwise: string) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="muted">{otherwise}</span>;

/** The copies someone was given again in their place. */
function replacedCopies(copies: readonly MinutesCopyView[]): Set<string> {
  return new Set(copies.filter((copy) => copy.replacedBy !== null).map((copy) => copy.copyId));
}

/**
 * Every copy issued, one per person and version: who holds it, when it was issued and last downloaded,
 * and whether it was withdrawn and why. An organiser withdraws a copy (its link stops working, its holder
 * is told) or reissues one at today's policy; both are confirmed first.
 */
export function CopiesTable({ view }: { view: ConferenceMinutesView }) {
  const change = useMinutesChange(view.conferenceId);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const replaced = replacedCopies(view.copies);
  const copies = [...view.copies].sort((a, b) => b.version - a.version || a.number - b.number);
  if (copies.length === 0) return <p>No copy is issued yet.</p>;

  const reissue = async (copy: MinutesCopyView) => {
    setOutcome(null);
    try {
      await change.mutateAsync((api) => api.post<ConferenceMinutesView>(`/api/minutes/copies/${copy.copyId}/reissue`));
      setOutcome(`A fresh copy was issued to ${copy.recipientName} in place of copy ${copy.number}.`);
    } catch {
      // The refusal is shown below the table.
    }
  };

  return (
    <>
      {change.error && (
        <p className="error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      {outcome && (
        <p className="success" role="status">
          {outcome}
        </p>
      )}
      <div className="table-scroll">
        <table className="minutes-copies">
          <caption>Copies issued</caption>
          <thead>
            <tr>
              <th scope="col">Copy</th>
              <th scope="col">Recipient</th>
              <th scope="col">Agency</th>
              <th scope="col">Version</th>
              <th scope="col">Issued</th>
              <th scope="col">Last downloaded</th>
              <th scope="col">Withdrawn</th>
              <th scope="col">
                <span className="visually-hidden">Changes</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {copies.map((copy) => {
              const name = `copy ${copy.number} (${copy.recipientName})`;
              return (
                <Fragment key={copy.copyId}>
                  <tr className={copy.withdrawnAt ? 'withdrawn' : undefined}>
                    <th scope="row">Copy {copy.number}</th>
                    <td>{copy.recipientName}</td>
                    <td>{copy.recipientAgencyName}</td>
                    <td>{copy.version}</td>
                    <td>{when(copy.issuedAt, '—')}</td>
                    <td>{when(copy.downloadedAt, 'Never')}</td>
                    <td>
                      {copy.withdrawnAt ? (
                        <>
                          {when(copy.withdrawnAt, '')}: {copy.withdrawnReason}
                        </>
                      ) : (
                        <span className="muted">No</span>
                      )}
                    </td>
                    <td>
                      <span className="cell-actions">
                        {!copy.withdrawnAt && withdrawing !== copy.copyId && (
                          <button
                            type="button"
                            className="secondary"
                            aria-label={`Withdraw ${name}`}
                            disabled={change.isPending}
                            onClick={() => {
                              setOutcome(null);
                              setWithdrawing(copy.copyId);
                            }}
                          >
                            Withdraw
                          </button>
                        )}
                        {!replaced.has(copy.copyId) && (
                          <ConfirmStep
                            label="Reissue"
                            accessibleLabel={`Reissue ${name}`}
                            question={`Issue ${copy.recipientName} a fresh copy in place of copy ${copy.number}?`}
                            consequence={`A fresh copy is made for ${copy.recipientName} with what the policy lets them receive today, and they are told by a notice. Copy ${copy.number} is withdrawn and its link stops working.`}
                            confirmLabel={`Confirm: reissue copy ${copy.number}`}
                            disabled={change.isPending}
                            isBusy={change.isPending}
                            onConfirm={() => void reissue(copy)}
                          />
                        )}
                      </span>
                    </td>
                  </tr>
                  {withdrawing === copy.copyId && (
                    <tr>
                      <td colSpan={8}>
                        <WithdrawForm
                          copy={copy}
                          conferenceId={view.conferenceId}
                          onDone={(text) => {
                            setWithdrawing(null);
                            setOutcome(text);
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The reason and the confirmation of a withdrawal, shown under the copy's row. */
function WithdrawForm({
  copy,
  conferenceId,
  onDone,
}: {
  copy: MinutesCopyView;
  conferenceId: string;
  onDone: (outcome: string | null) => void;
}) {
  const form = useSchemaForm(withdrawMinutesCopyBody, { defaultValues: { reason: '' } });
  const withdraw = useMinutesChange(conferenceId);
  const [message, setMessage] = useState<string | null>(null);
  const labels = { reason: 'Why is it withdrawn?' };
  return (
    <FormScope name={`withdraw-${copy.copyId}`}>
      <form
        className="confirm"
        noValidate
        aria-label={`Withdraw copy ${copy.number}`}
        onSubmit={(event) =>
          void form.handleSubmit(async (values) => {
            setMessage(null);
            try {
              await withdraw.mutateAsync((api) => api.post<ConferenceMinutesView>(`/api/minutes/copies/${copy.copyId}/withdraw`, values));
              onDone(`Copy ${copy.number} was withdrawn; ${copy.recipientName} is told.`);
            } catch (error) {
              setMessage(applyServerErrors(form, error));
            }
          })(event)
        }
      >
        <p>
          Withdrawing copy {copy.number} stops its link at once: {copy.recipientName} can no longer open or download it, and is told by a
          notice. It cannot be undone; you can reissue a fresh copy afterwards.
        </p>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="reason" label={labels.reason} hint="Kept with the copy; its holder sees it in My minutes.">
          {(props) => <input {...props} {...form.register('reason')} />}
        </Field>
        <div className="actions">
          <button type="submit" className="danger" disabled={withdraw.isPending}>
            Confirm: withdraw copy {copy.number}
          </button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            Cancel
          </button>
        </div>
      </form>
    </FormScope>
  );
}
