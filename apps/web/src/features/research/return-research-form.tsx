import { useState } from 'react';
import { returnResearchBody, type ResearchAskedView, type ReturnResearchBody, type ReturnResearchInput } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, fieldId, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { compartmentDescriptions, compartmentLabels } from '../notes/compartments';

const empty: ReturnResearchInput = {
  holdings: { panel: null, victim: null, investigation: null, standards: null },
  withheld: null,
};

/**
 * What the agency holds on one case, each part in the compartment where it belongs (only those this
 * person may write), and what was withheld and why. Returning cannot be undone: the entries are added
 * to the case and the request is marked returned, so it is confirmed in a second step.
 */
export function ReturnResearchForm({
  request,
  onReturned,
  onCancel,
}: {
  request: ResearchAskedView;
  onReturned: (returned: ResearchAskedView) => void;
  onCancel: () => void;
}) {
  const form = useSchemaForm(returnResearchBody, { defaultValues: empty });
  const submit = useApiMutation<ReturnResearchBody, ResearchAskedView>('POST', `/api/research/${request.requestId}/return`, [
    ['research'],
    ['case', request.caseId],
  ]);
  const [checked, setChecked] = useState<ReturnResearchBody | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const labels: Record<string, string> = {
    holdings: 'What your agency holds',
    withheld: 'What was withheld, and why',
    ...Object.fromEntries(request.writable.map((compartment) => [`holdings.${compartment}`, compartmentLabels[compartment]] as const)),
  };

  const confirm = async () => {
    if (!checked) return;
    try {
      onReturned(await submit.mutateAsync(checked));
    } catch (error) {
      setChecked(null);
      setMessage(applyServerErrors(form, error));
    }
  };

  // A refusal of the whole set (none filled in) sits on `holdings` itself, not on one compartment.
  const holdingsError = form.formState.errors.holdings?.message;
  const parts = checked ? request.writable.filter((compartment) => checked.holdings[compartment] !== null) : [];
  return (
    <form
      noValidate
      aria-label={`Research on ${request.reference}`}
      onSubmit={(event) =>
        void form.handleSubmit((values) => {
          setMessage(null);
          setChecked(values);
        })(event)
      }
    >
      <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
      <fieldset id={fieldId('holdings')} className={holdingsError ? 'field-error' : undefined}>
        <legend>What your agency holds</legend>
        <p className="hint">
          Write each part in the compartment where it belongs: only that compartment&apos;s audience will read it. Leave a compartment empty
          when you have nothing for it; if your agency holds nothing at all, say so in one of them.
        </p>
        {holdingsError && <p className="error">{holdingsError}</p>}
        {request.writable.map((compartment) => (
          <Field
            key={compartment}
            form={form as never}
            name={`holdings.${compartment}`}
            label={compartmentLabels[compartment]}
            hint={compartmentDescriptions[compartment]}
          >
            {(props) => <textarea {...props} {...form.register(`holdings.${compartment}`)} readOnly={checked !== null} />}
          </Field>
        ))}
      </fieldset>
      <Field
        form={form}
        name="withheld"
        label="What was withheld, and why (optional)"
        hint="What your agency holds but did not share, and the reason; leave empty if nothing was withheld."
      >
        {(props) => <textarea {...props} {...form.register('withheld')} readOnly={checked !== null} />}
      </Field>
      {checked ? (
        <div className="confirm" role="group" aria-labelledby={`${fieldId('confirm')}-${request.requestId}`}>
          <p id={`${fieldId('confirm')}-${request.requestId}`}>
            This adds your agency&apos;s research to the{' '}
            {parts.map((compartment) => compartmentLabels[compartment].toLowerCase()).join(' and ')}{' '}
            {parts.length === 1 ? 'compartment' : 'compartments'} of {request.reference} and marks it returned. It cannot be undone.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void confirm()} disabled={submit.isPending}>
              Confirm and return research
            </button>
            <button type="button" className="secondary" onClick={() => setChecked(null)}>
              Change it
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit">Return research</button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
