import { consentDecisions } from '@caseroom/contracts';
import { useWatch } from 'react-hook-form';
import { Field, fieldId } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { blankAsNull, type ReferralForm } from './referral-values';

/**
 * Whether the victim was told of the referral and agreed to it. Without their consent, the referrer
 * records why sharing is necessary and proportionate: the decision must be on the record.
 */
export function ConsentFields({ form }: { form: ReferralForm }) {
  const decision = useWatch({ control: form.control, name: 'consent.decision' });
  const isWithoutConsent = !!decision && decision !== 'given';
  const confirmationId = fieldId('consent.isNecessaryAndProportionate');
  const confirmationError = form.formState.errors.consent?.isNecessaryAndProportionate?.message;
  return (
    <fieldset className="card">
      <legend>
        <h2>Telling the victim, and their consent</h2>
      </legend>
      <label className="checkbox">
        <input type="checkbox" {...form.register('consent.isVictimInformed')} />
        The victim was told of this referral
      </label>
      <Field form={form} name="consent.decision" label="Did the victim consent to the referral?">
        {(props) => (
          <select {...props} {...form.register('consent.decision', { setValueAs: blankAsNull })}>
            <option value="">Choose</option>
            {consentDecisions.map((option) => (
              <option key={option} value={option}>
                {wordsFor(option)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isWithoutConsent && (
        <>
          <Field
            form={form}
            name="consent.reasonWithoutConsent"
            label="Why sharing without consent is necessary and proportionate"
            hint="Recorded with the referral, in the victim's details."
          >
            {(props) => <textarea {...props} {...form.register('consent.reasonWithoutConsent', { setValueAs: blankAsNull })} />}
          </Field>
          <div className={confirmationError ? 'field field-error' : 'field'}>
            {confirmationError && (
              <p className="error" id={`${confirmationId}-error`}>
                {confirmationError}
              </p>
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                id={confirmationId}
                aria-describedby={confirmationError ? `${confirmationId}-error` : undefined}
                aria-invalid={confirmationError ? true : undefined}
                {...form.register('consent.isNecessaryAndProportionate')}
              />
              Sharing without the victim’s consent is necessary and proportionate to the risk
            </label>
          </div>
        </>
      )}
    </fieldset>
  );
}
