import { useState } from 'react';
import { acknowledgeAlertBody, type ExposureAlertView } from '@caseroom/contracts';
import { ConfirmStep } from '../lib/confirm-step';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../lib/forms';
import { errorMessage, useApiMutation, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';

const alertsKey = ['exposure-alerts'] as const;
const labels = { actionTaken: 'What you did about it' };

const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>;
const list = (codes: readonly string[]) => codes.map((code) => wordsFor(code)).join(', ');

/**
 * Exposure alerts, for professional standards and the IOPC: someone linked to a case's suspect tried the
 * case and was refused, or someone was refused on many cases in a short time. Each names the case by its
 * neutral reference, who, when and how; never content. Those who may act acknowledge it and record what
 * they did, once; unacknowledged alerts come first.
 */
export function ExposureAlertsRoute() {
  useScreenTitle('Exposure alerts');
  const alerts = useApiQuery<ExposureAlertView[]>(alertsKey, '/api/exposure-alerts');
  const open = (alerts.data ?? []).filter((alert) => alert.acknowledgedAt === null);
  const done = (alerts.data ?? []).filter((alert) => alert.acknowledgedAt !== null);
  return (
    <>
      <h1 tabIndex={-1}>Exposure alerts</h1>
      <p className="hint">
        Refused attempts on cases by people linked to their suspect, and unusual patterns of refusals. The person refused saw only what they
        would for a case that does not exist. Acknowledge each alert with what you did.
      </p>
      {alerts.isLoading && <p role="status">Loading alerts…</p>}
      {alerts.error && (
        <p className="error" role="alert">
          {errorMessage(alerts.error)}
        </p>
      )}
      {alerts.data && alerts.data.length === 0 && <p>There are no alerts for you.</p>}
      {open.length > 0 && (
        <section aria-labelledby="open-alerts">
          <h2 id="open-alerts">To acknowledge ({open.length})</h2>
          <ul className="cards exposure-alerts">
            {open.map((alert) => (
              <li key={alert.id} className="card alert-open">
                <AlertSummary alert={alert} />
                <Acknowledge alert={alert} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {done.length > 0 && (
        <section aria-labelledby="done-alerts">
          <h2 id="done-alerts">Acknowledged</h2>
          <ul className="cards exposure-alerts">
            {done.map((alert) => (
              <li key={alert.id} className="card">
                <AlertSummary alert={alert} />
                <p>
                  <strong>Acknowledged</strong> by {alert.acknowledgedByName} on {when(alert.acknowledgedAt!)}: {alert.actionTaken}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function AlertSummary({ alert }: { alert: ExposureAlertView }) {
  const attempts = alert.attempts === 1 ? '1 attempt' : `${alert.attempts} attempts`;
  return (
    <>
      <h3>
        {wordsFor(alert.kind)}: {alert.reference ?? 'several cases'}
      </h3>
      <dl className="facts">
        <dt>Who</dt>
        <dd>
          {alert.personName} ({alert.personAgencyName})
        </dd>
        <dt>When</dt>
        <dd>
          {when(alert.firstAt)}
          {alert.lastAt !== alert.firstAt && <> to {when(alert.lastAt)}</>} ({attempts})
        </dd>
        <dt>Tried</dt>
        <dd>{list(alert.attemptKinds)}</dd>
        <dt>Through</dt>
        <dd>{list(alert.channels)}</dd>
        <dt>Why refused</dt>
        <dd>{wordsFor(alert.reason)}</dd>
      </dl>
    </>
  );
}

function Acknowledge({ alert }: { alert: ExposureAlertView }) {
  const form = useSchemaForm(acknowledgeAlertBody, { defaultValues: { actionTaken: '' } });
  const acknowledge = useApiMutation<{ actionTaken: string }, ExposureAlertView>(
    'POST',
    `/api/exposure-alerts/${alert.id}/acknowledgement`,
    [[...alertsKey]],
  );
  const [message, setMessage] = useState<string | null>(null);
  const name = `the alert on ${alert.reference ?? 'several cases'} about ${alert.personName}`;
  return (
    <FormScope name={`acknowledge-${alert.id}`}>
      <form noValidate aria-label={`Acknowledge ${name}`} onSubmit={(event) => event.preventDefault()}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="actionTaken" label={labels.actionTaken} hint="Kept with the alert; the IOPC sees it.">
          {(props) => <textarea rows={3} {...props} {...form.register('actionTaken')} />}
        </Field>
        <ConfirmStep
          label="Acknowledge"
          accessibleLabel={`Acknowledge ${name}`}
          question={`Acknowledge ${name}?`}
          consequence="An acknowledgement cannot be changed afterwards: what you write is kept with the alert."
          confirmLabel="Confirm: acknowledge"
          isBusy={acknowledge.isPending}
          onConfirm={() =>
            void form.handleSubmit(async (values) => {
              setMessage(null);
              try {
                await acknowledge.mutateAsync(values);
              } catch (error) {
                setMessage(applyServerErrors(form, error));
              }
            })()
          }
        />
      </form>
    </FormScope>
  );
}
