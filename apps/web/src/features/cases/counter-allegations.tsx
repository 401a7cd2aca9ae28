import { useState } from 'react';
import { counterAllegationBody, type CounterAllegationBody, type CounterAllegationView } from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useBodyForm } from '../../lib/forms';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { formatDate } from '../../lib/words';
import { useSession } from '../../session';

/** Who made it, in words: "by the suspect", "by <name>", or as described. */
const madeBy = (allegation: CounterAllegationView) => {
  switch (allegation.madeBy.kind) {
    case 'suspect':
      return 'by the suspect';
    case 'person':
      return `by ${allegation.madeByName ?? 'a person in the records'}`;
    case 'described':
      return `by ${allegation.madeBy.description}`;
  }
};

/**
 * Counter-allegations recorded on the case (decision 0025): shown to its panel as linked to this case,
 * never as a case of their own. Given the count from the panel's view of the case (the live room's case
 * card), they are read only when there are some and nothing is shown without; without it (the case
 * screen), they are read, and the screen says when there are none.
 */
export function CounterAllegations({ caseId, count, mayRecord = false }: { caseId: string; count?: number; mayRecord?: boolean }) {
  const { agencyName } = useSession();
  const listed = useApiQuery<CounterAllegationView[]>(
    ['case', caseId, 'counter-allegations'],
    count === undefined || count > 0 ? `/api/cases/${caseId}/counter-allegations` : null,
  );
  if (count === 0) return null;
  if (count === undefined && listed.data?.length === 0)
    return (
      <section className="card counter-allegations" aria-labelledby={`counter-allegations-${caseId}`} data-testid="counter-allegations">
        <h2 id={`counter-allegations-${caseId}`}>Linked counter-allegations</h2>
        <p>No counter-allegation is linked to this case.</p>
        {mayRecord && <RecordCounterAllegation caseId={caseId} />}
      </section>
    );
  const Heading = count === undefined ? 'h2' : 'h3';
  const shown = count ?? listed.data?.length;
  return (
    <section
      className={count === undefined ? 'card counter-allegations' : 'counter-allegations'}
      aria-labelledby={`counter-allegations-${caseId}`}
      data-testid="counter-allegations"
    >
      <Heading id={`counter-allegations-${caseId}`}>Linked counter-allegations{shown === undefined ? '' : ` (${shown})`}</Heading>
      {listed.error && (
        <p className="error" role="alert">
          The counter-allegations could not be read.
        </p>
      )}
      <ul>
        {(listed.data ?? []).map((allegation) => (
          <li key={allegation.id}>
            <p>
              <strong>
                Counter-allegation {madeBy(allegation)}, received {formatDate(allegation.receivedOn)} from{' '}
                {agencyName(allegation.referringAgencyId)}
              </strong>
            </p>
            <p>How it was received: {allegation.howReceived}</p>
            {allegation.fromReferralReference && <p>Referred as {allegation.fromReferralReference}, declined and recorded here.</p>}
            <p className="pre-wrap">{allegation.alleged}</p>
          </li>
        ))}
      </ul>
      {mayRecord && count === undefined && <RecordCounterAllegation caseId={caseId} />}
    </section>
  );
}

/** What the form holds: who made it is a choice, and a description only when it was not the suspect. */
interface CounterAllegationValues {
  receivedOn: string | null;
  referringAgencyId: string;
  madeBy: 'suspect' | 'described' | '';
  description: string;
  howReceived: string;
  alleged: string;
}

const labels: Record<string, string> = {
  receivedOn: 'Date it was received',
  referringAgencyId: 'The agency it came through',
  madeBy: 'Who makes it',
  description: 'Who it was made by',
  howReceived: 'How it was received',
  alleged: 'What is alleged',
};

const toBody = (values: CounterAllegationValues) => ({
  receivedOn: values.receivedOn,
  referringAgencyId: values.referringAgencyId,
  madeBy:
    values.madeBy === 'suspect'
      ? { kind: 'suspect' }
      : values.madeBy === 'described'
        ? { kind: 'described', description: values.description }
        : undefined,
  howReceived: values.howReceived,
  alleged: values.alleged,
});

/** A problem in the body, on the field of the form that gives it. */
const fieldOf = (path: string) => (path === 'madeBy.description' ? 'description' : path.startsWith('madeBy') ? 'madeBy' : path);

const empty: CounterAllegationValues = {
  receivedOn: null,
  referringAgencyId: '',
  madeBy: '',
  description: '',
  howReceived: '',
  alleged: '',
};

/**
 * For the coordinator and the chair: a counter-allegation that reaches them other than as a referral (a
 * letter, a call to the police), recorded straight onto the original case, after a confirmation, since
 * a record of it cannot be taken back.
 */
function RecordCounterAllegation({ caseId }: { caseId: string }) {
  const { agencies } = useSession();
  const form = useBodyForm(counterAllegationBody, toBody, { defaultValues: empty, fieldOf });
  const record = useApiMutation<CounterAllegationBody, CounterAllegationView>('POST', `/api/cases/${caseId}/counter-allegations`, [
    ['case', caseId],
  ]);
  const [pending, setPending] = useState<CounterAllegationBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isRecorded, setRecorded] = useState(false);
  const madeBy = form.watch('madeBy');

  const ask = form.handleSubmit((body) => {
    setMessage(null);
    setRecorded(false);
    setPending(body);
  });
  const confirm = async () => {
    if (!pending) return;
    try {
      await record.mutateAsync(pending);
      setRecorded(true);
      form.reset(empty);
    } catch (error) {
      setMessage(applyServerErrors(form as never, error, fieldOf));
    } finally {
      setPending(null);
    }
  };

  return (
    <FormScope name="counter-allegation">
      <details>
        <summary>Record a counter-allegation on this case</summary>
        <form onSubmit={(event) => void ask(event)} noValidate aria-label="Record a counter-allegation">
          <p className="hint">
            When the suspect (or someone for them) accuses this case&rsquo;s victim of abuse, it is recorded here, for this panel, and never
            registered as a case of its own.
          </p>
          <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
          <div className="grid-2">
            <DateField form={form as never} name="receivedOn" label={labels.receivedOn} hint="For example, 20 11 2026." />
            <Field form={form} name="referringAgencyId" label={labels.referringAgencyId}>
              {(props) => (
                <select {...props} {...form.register('referringAgencyId')}>
                  <option value="">Choose the agency</option>
                  {[...agencies.values()].map((agency) => (
                    <option key={agency.id} value={agency.id}>
                      {agency.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field form={form} name="madeBy" label={labels.madeBy}>
            {(props) => (
              <select {...props} {...form.register('madeBy')}>
                <option value="">Choose who</option>
                <option value="suspect">The suspect of this case</option>
                <option value="described">Someone else, described below</option>
              </select>
            )}
          </Field>
          {madeBy === 'described' && (
            <Field form={form} name="description" label={labels.description} hint="For example, the suspect's mother, on his behalf.">
              {(props) => <input {...props} {...form.register('description')} />}
            </Field>
          )}
          <Field form={form} name="howReceived" label={labels.howReceived} hint="For example, a letter to the MARAC coordinator.">
            {(props) => <input {...props} {...form.register('howReceived')} />}
          </Field>
          <Field form={form} name="alleged" label={labels.alleged}>
            {(props) => <textarea {...props} rows={4} {...form.register('alleged')} />}
          </Field>
          {isRecorded && (
            <p className="success" role="status">
              The counter-allegation is recorded on this case.
            </p>
          )}
          {pending ? (
            <div className="confirm" role="group" aria-label="Confirm recording the counter-allegation">
              <p>
                It is recorded on this case for its panel, received {formatDate(pending.receivedOn)}. A record of it cannot be taken back.
              </p>
              <div className="actions">
                <button type="button" className="danger" autoFocus disabled={record.isPending} onClick={() => void confirm()}>
                  Confirm and record
                </button>
                <button type="button" className="secondary" onClick={() => setPending(null)}>
                  Go back
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button type="submit">Record the counter-allegation</button>
            </div>
          )}
        </form>
      </details>
    </FormScope>
  );
}
