import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { referralBody, referralGrounds, type ReferralBody, type ReferralDraftView, type SubmittedReferralView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { applyServerErrors, DateField, ErrorSummary, Field, useSchemaForm } from '../../lib/forms';
import { formatDateTime, wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { ConsentFields } from './consent-fields';
import { DashChecklist } from './dash-checklist';
import { SuspectPicker } from './suspect-picker';
import { VictimFields } from './victim-fields';
import { blankAsNull, fieldLabels, numberOrNull, type ReferralValues } from './referral-values';
import { useKeptDraft } from './use-kept-draft';

export interface ReferralFormProps {
  readonly initial: ReferralValues;
  /** The draft being resumed, if any. */
  readonly draft: ReferralDraftView | null;
  readonly onSubmitted: (submitted: SubmittedReferralView) => void;
  readonly onDeleted: () => void;
}

/**
 * The referral, validated by the same schema the server checks it with. It is kept as a draft on the
 * server whenever the referrer saves it (never in the browser), and submitting it deletes the draft.
 */
export function ReferralForm({ initial, draft, onSubmitted, onDeleted }: ReferralFormProps) {
  const { api, me, agencies, agencyName } = useSession();
  const form = useSchemaForm(referralBody, { defaultValues: initial });
  const kept = useKeptDraft(form, draft);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const ground = useWatch({ control: form.control, name: 'referral.ground' });
  const referringAgencyId = useWatch({ control: form.control, name: 'referral.referringAgencyId' });
  const refersForAny = me.roles.includes('coordinator') || me.roles.includes('chair');

  const saveDraft = async () => {
    setBusy(true);
    await kept.save(false);
    setBusy(false);
  };

  const submit = form.handleSubmit(async (body: ReferralBody) => {
    setBusy(true);
    // Nothing is saved behind the submission: its draft goes with it.
    const draftId = await kept.stop();
    try {
      const path = draftId ? `/api/referrals/drafts/${draftId}/submission` : '/api/referrals';
      onSubmitted(await api.post<SubmittedReferralView>(path, body));
    } catch (error) {
      kept.resume();
      setProblem(applyServerErrors(form as never, error));
    } finally {
      setBusy(false);
    }
  });

  const deleteDraft = async () => {
    const draftId = await kept.stop();
    if (!draftId) return;
    try {
      await api.delete(`/api/referrals/drafts/${draftId}`);
      onDeleted();
    } catch (error) {
      kept.resume();
      setProblem(error instanceof ApiError ? error.message : 'The draft was not deleted: Caseroom could not be reached.');
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="referral-heading" data-testid="referral-form">
      <ErrorSummary errors={form.formState.errors} message={problem} labels={fieldLabels} attempt={form.formState.submitCount} />

      <fieldset className="card">
        <legend>
          <h2>The referral</h2>
        </legend>
        <DateField form={form as never} name="referral.referredOn" label="Date of referral" />
        {refersForAny ? (
          <Field
            form={form}
            name="referral.referringAgencyId"
            label="Referring agency"
            hint="You are registering the referral on its behalf."
          >
            {(props) => (
              <select {...props} {...form.register('referral.referringAgencyId', { setValueAs: blankAsNull })}>
                <option value="">Choose the agency</option>
                {[...agencies.values()].map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {agency.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p>
            Referring agency: <strong>{agencyName(me.agencyId)}</strong>
          </p>
        )}
        <fieldset>
          <legend>Other agencies to invite to the panel</legend>
          <p className="hint">The referring agency is always on it; the coordinator may add others at triage.</p>
          <div className="checkbox-columns">
            {[...agencies.values()]
              .filter((agency) => agency.id !== referringAgencyId)
              .map((agency) => (
                <label key={agency.id} className="checkbox">
                  <input type="checkbox" value={agency.id} {...form.register('agencyIds')} />
                  {agency.name}
                </label>
              ))}
          </div>
        </fieldset>
      </fieldset>

      <VictimFields form={form} />
      <ConsentFields form={form} />
      <SuspectPicker form={form} />
      <DashChecklist form={form} />

      <fieldset className="card">
        <legend>
          <h2>Grounds for referral</h2>
        </legend>
        <p className="hint">A repeat referral is found by Caseroom itself: it need not be given here.</p>
        <Field form={form} name="referral.ground" label="Grounds">
          {(props) => (
            <select {...props} {...form.register('referral.ground', { setValueAs: blankAsNull })}>
              <option value="">Choose the grounds</option>
              {referralGrounds.map((option) => (
                <option key={option} value={option}>
                  {wordsFor(option)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {ground === 'professional_judgement' && (
          <Field form={form} name="referral.concern" label="The concern" hint="Why, in your judgement, the victim is at high risk.">
            {(props) => <textarea {...props} {...form.register('referral.concern', { setValueAs: blankAsNull })} />}
          </Field>
        )}
        {ground === 'escalation' && (
          <Field form={form} name="referral.incidentCount" label="Incidents in the past 12 months">
            {(props) => <input {...props} inputMode="numeric" {...form.register('referral.incidentCount', { setValueAs: numberOrNull })} />}
          </Field>
        )}
        <Field form={form} name="summary" label="What happened (optional)">
          {(props) => <textarea {...props} {...form.register('summary', { setValueAs: blankAsNull })} />}
        </Field>
      </fieldset>

      <div className="actions form-actions">
        <button type="submit" disabled={isBusy}>
          Submit the referral
        </button>
        <button type="button" className="secondary" disabled={isBusy} onClick={() => void saveDraft()}>
          Save draft
        </button>
        {kept.id && !isConfirmingDelete && (
          <button type="button" className="secondary danger" onClick={() => setConfirmingDelete(true)}>
            Delete this draft
          </button>
        )}
      </div>
      <p role="status" className="muted" data-testid="draft-status">
        {kept.savedAt
          ? `Draft saved${kept.isAutomatic ? ' automatically' : ''} ${formatDateTime(kept.savedAt)}. Only you can see it.`
          : 'Not saved yet: it is saved by itself a little after you stop typing, or when you choose Save draft.'}
      </p>
      {kept.failure && (
        <p className="error" role="alert">
          {kept.failure}
        </p>
      )}
      {isConfirmingDelete && (
        <div className="confirm card" role="group" aria-labelledby="confirm-delete-heading">
          <h2 id="confirm-delete-heading">Delete this draft?</h2>
          <p>Everything written in it is deleted. This cannot be undone.</p>
          <div className="actions">
            <button type="button" className="danger" autoFocus onClick={() => void deleteDraft()}>
              Confirm deleting the draft
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
