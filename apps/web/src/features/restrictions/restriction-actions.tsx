import { useId, useState, type FormEvent } from 'react';
import { legalBases, reviewCycles, type LegalBasis, type RestrictionView, type ReviewCycle } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';

type Step = 'apply' | 'decline' | 'review' | 'lift' | 'approve' | 'reject';

/** Statuses with nothing left for PSD to do (declined, lifted, withdrawn...) have no entry. */
const stepsByStatus: Readonly<Record<string, Step[]>> = {
  requested: ['apply', 'decline'],
  applied: ['review', 'lift'],
  decline_pending: ['approve', 'reject'],
  lift_pending: ['approve', 'reject'],
};

const stepLabels: Record<Step, string> = {
  apply: 'Apply',
  decline: 'Propose to decline',
  review: 'Record a review',
  lift: 'Propose to lift',
  approve: 'Approve the proposal',
  reject: 'Reject the proposal',
};

const today = () => new Date().toISOString().slice(0, 10);

/** What PSD may do next with one restriction, as a small form. */
export function RestrictionActions({ restriction, onChanged }: { restriction: RestrictionView; onChanged: () => void }) {
  const { api } = useSession();
  const id = useId();
  const steps = stepsByStatus[restriction.status] ?? [];
  const [step, setStep] = useState<Step | null>(null);
  const [date, setDate] = useState(today());
  const [text, setText] = useState('');
  const [legalBasis, setLegalBasis] = useState<LegalBasis>(
    restriction.kind === 'recommend_suspension' ? 'regulation_11_suspension' : 'direction_and_control',
  );
  const [reviewCycle, setReviewCycle] = useState<ReviewCycle>('standard');
  const [error, setError] = useState<string | null>(null);
  if (steps.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!step) return;
    const bodies: Record<Step, object> = {
      apply: { effectiveOn: date, conditions: text, legalBasis, reviewCycle },
      decline: { reason: text },
      review: { reviewedOn: date, note: text },
      lift: { liftedOn: date, reason: text },
      approve: { note: text.trim() === '' ? null : text },
      reject: { note: text.trim() === '' ? null : text },
    };
    try {
      await api.post(`/api/restrictions/${restriction.id}/${step}`, bodies[step]);
      setStep(null);
      setText('');
      setError(null);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That could not be recorded.');
    }
  };

  const textLabel: Record<Step, string> = {
    apply: 'Conditions',
    decline: 'Reason',
    review: 'Review note',
    lift: 'Reason',
    approve: 'Note (optional)',
    reject: 'Note (optional)',
  };
  const dateLabel: Partial<Record<Step, string>> = { apply: 'In effect from', review: 'Reviewed on', lift: 'Lifted on' };

  return (
    <div>
      {/* Once a step is chosen its form alone is shown: one button to do it, one to cancel. */}
      {!step && (
        <div className="actions">
          {steps.map((option) => (
            <button key={option} type="button" className="secondary" onClick={() => setStep(option)}>
              {stepLabels[option]}
            </button>
          ))}
        </div>
      )}
      {step && (
        <form onSubmit={(event) => void submit(event)} aria-label={`${stepLabels[step]}: ${restriction.reference}`}>
          {dateLabel[step] && (
            <>
              <label htmlFor={`${id}-date`}>{dateLabel[step]}</label>
              <input id={`${id}-date`} type="date" value={date} onChange={(event) => setDate(event.target.value)} required />
            </>
          )}
          {step === 'apply' && (
            <div className="grid-2">
              <div>
                <label htmlFor={`${id}-basis`}>Legal basis</label>
                <select id={`${id}-basis`} value={legalBasis} onChange={(event) => setLegalBasis(event.target.value as LegalBasis)}>
                  {legalBases.map((option) => (
                    <option key={option} value={option}>
                      {wordsFor(option)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`${id}-cycle`}>Review cycle</label>
                <select id={`${id}-cycle`} value={reviewCycle} onChange={(event) => setReviewCycle(event.target.value as ReviewCycle)}>
                  {reviewCycles.map((option) => (
                    <option key={option} value={option}>
                      {option === 'standard' ? 'Standard (4 weeks)' : '2026 amendments (12 weeks for a suspension)'}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <label htmlFor={`${id}-text`}>{textLabel[step]}</label>
          <textarea id={`${id}-text`} value={text} onChange={(event) => setText(event.target.value)} maxLength={5000} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit">{stepLabels[step]}</button>
            <button type="button" className="secondary" onClick={() => setStep(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
