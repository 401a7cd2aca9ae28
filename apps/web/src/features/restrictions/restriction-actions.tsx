import { useState } from 'react';
import type { z } from 'zod';
import {
  answerProposalBody,
  declineRestrictionBody,
  liftRestrictionBody,
  reviewOutcomes,
  reviewRestrictionBody,
  writtenNoticeBody,
  type RestrictionView,
} from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { ApplyRestrictionForm } from './apply-restriction-form';

type Step = 'apply' | 'decline' | 'review' | 'written-notice' | 'lift' | 'approve' | 'reject';

const stepLabels: Record<Step, string> = {
  apply: 'Apply',
  decline: 'Propose to decline',
  review: 'Record a review',
  'written-notice': 'Record the written notice',
  lift: 'Propose to lift',
  approve: 'Approve the proposal',
  reject: 'Reject the proposal',
};

/** What PSD may do next: statuses with nothing left for PSD to do (declined, lifted, withdrawn...) have no entry. */
function stepsFor(restriction: RestrictionView): Step[] {
  const isNoticeWaiting = restriction.clocks.some((clock) => clock.clock === 'written_notice');
  switch (restriction.status) {
    case 'requested':
      return ['apply', 'decline'];
    case 'applied':
      return isNoticeWaiting ? ['written-notice', 'review', 'lift'] : ['review', 'lift'];
    case 'apply_pending':
    case 'decline_pending':
    case 'lift_pending':
      return ['approve', 'reject'];
    case 'declined':
    case 'lifted':
    case 'withdrawn':
      return [];
  }
}

interface SimpleField {
  readonly name: string;
  readonly label: string;
  readonly type: 'date' | 'text' | 'outcome';
  readonly hint?: string;
}

/** The smaller steps: each a schema from the contract and the fields it asks for. */
const simpleSteps: Record<Exclude<Step, 'apply'>, { schema: z.ZodType; fields: SimpleField[]; empty: Record<string, unknown> }> = {
  decline: { schema: declineRestrictionBody, fields: [{ name: 'reason', label: 'Reason', type: 'text' }], empty: { reason: '' } },
  review: {
    schema: reviewRestrictionBody,
    fields: [
      { name: 'reviewedOn', label: 'Reviewed on', type: 'date' },
      { name: 'outcome', label: 'Outcome', type: 'outcome' },
      { name: 'note', label: 'Review note', type: 'text' },
    ],
    empty: { reviewedOn: null, outcome: 'continue', note: '' },
  },
  'written-notice': {
    schema: writtenNoticeBody,
    fields: [
      { name: 'writtenOn', label: 'Written notice given on', type: 'date', hint: 'Within 3 working days of telling the officer orally.' },
    ],
    empty: { writtenOn: null },
  },
  lift: {
    schema: liftRestrictionBody,
    fields: [
      { name: 'liftedOn', label: 'Ends on', type: 'date' },
      { name: 'reason', label: 'Reason it ends', type: 'text' },
    ],
    empty: { liftedOn: null, reason: '' },
  },
  approve: { schema: answerProposalBody, fields: [{ name: 'note', label: 'Note (optional)', type: 'text' }], empty: { note: null } },
  reject: { schema: answerProposalBody, fields: [{ name: 'note', label: 'Note (optional)', type: 'text' }], empty: { note: null } },
};

/** An optional note left empty is null, as the body has it. */
const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

function SimpleStepForm({
  restriction,
  step,
  onDone,
  onCancel,
}: {
  restriction: RestrictionView;
  step: Exclude<Step, 'apply'>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const { schema, fields, empty } = simpleSteps[step];
  const form = useSchemaForm(schema as z.ZodType<Record<string, unknown>, Record<string, unknown>>, { defaultValues: empty });
  const [message, setMessage] = useState<string | null>(null);
  const labels = Object.fromEntries(fields.map((field) => [field.name, field.label]));
  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    try {
      await api.post(`/api/restrictions/${restriction.id}/${step}`, body);
      onDone();
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });
  return (
    <FormScope name={`${step}-${restriction.id}`}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={`${stepLabels[step]}: ${restriction.reference}`}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        {fields.map((field) => {
          if (field.type === 'date')
            return <DateField key={field.name} form={form} name={field.name} label={field.label} hint={field.hint} />;
          if (field.type === 'outcome')
            return (
              <Field key={field.name} form={form} name={field.name} label={field.label}>
                {(props) => (
                  <select {...props} {...form.register(field.name)}>
                    {reviewOutcomes.map((outcome) => (
                      <option key={outcome} value={outcome}>
                        {wordsFor(outcome)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            );
          return (
            <Field key={field.name} form={form} name={field.name} label={field.label}>
              {(props) => (
                <textarea
                  {...props}
                  {...form.register(field.name, field.label.includes('optional') ? { setValueAs: blankAsNull } : {})}
                  maxLength={5000}
                />
              )}
            </Field>
          );
        })}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            {stepLabels[step]}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </FormScope>
  );
}

/** What PSD may do next with one restriction, as a small form. */
export function RestrictionActions({ restriction, onChanged }: { restriction: RestrictionView; onChanged: () => void }) {
  const steps = stepsFor(restriction);
  const [step, setStep] = useState<Step | null>(null);
  if (steps.length === 0) return null;
  const done = () => {
    setStep(null);
    onChanged();
  };
  const cancel = () => setStep(null);

  // Once a step is chosen its form alone is shown: one button to do it, one to cancel.
  if (step === 'apply') return <ApplyRestrictionForm restriction={restriction} onDone={done} onCancel={cancel} />;
  if (step) return <SimpleStepForm restriction={restriction} step={step} onDone={done} onCancel={cancel} />;
  return (
    <div className="actions">
      {steps.map((option) => (
        <button key={option} type="button" className="secondary" onClick={() => setStep(option)}>
          {stepLabels[option]}
        </button>
      ))}
    </div>
  );
}
