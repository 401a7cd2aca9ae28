import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  applyRestrictionBody,
  legalBases,
  noticeMethods,
  presumingOffences,
  proposedKindFor,
  regulation11Grounds,
  restrictionKinds,
  reviewCycles,
  type ApplyRestrictionBody,
  type RestrictionView,
} from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';

const labels: Record<string, string> = {
  kinds: 'What is applied',
  namedSystem: 'The system or record',
  otherKind: 'The other restriction',
  effectiveOn: 'In effect from',
  conditions: 'Conditions',
  legalBasis: 'Legal basis',
  isRedeploymentInappropriate: 'Redeployment',
  regulation11Grounds: 'Grounds under regulation 11',
  reviewCycle: 'Review cycle',
  decisionMaker: 'Decision-maker (appropriate authority)',
  noticeMethod: 'How the officer was told',
  toldOn: 'Told on',
  writtenNoticeOn: 'Written notice given on',
  rationale: 'Rationale',
  alternatives: 'Alternatives considered',
  representations: "The officer's representations",
  isIopcConsulted: 'IOPC',
  iopcConsultedOn: 'IOPC consulted on',
  arrestFor: 'Arrested for',
  presumptionRebutted: 'Why the presumption of suspension is rebutted',
};

/** A box left empty is null, as the body has it. */
const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/**
 * PSD record a restriction as they apply it: every field of DOMAIN.md's duty restriction, checked in the
 * browser by the schema the server checks it with. A suspension goes to a second officer to approve.
 */
export function ApplyRestrictionForm({
  restriction,
  onDone,
  onCancel,
}: {
  restriction: RestrictionView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const isSuspensionAsked = restriction.kind === 'recommend_suspension';
  const form = useSchemaForm(applyRestrictionBody, {
    defaultValues: {
      kinds: [proposedKindFor[restriction.kind]],
      namedSystem: null,
      otherKind: null,
      effectiveOn: null as unknown as string,
      conditions: '',
      legalBasis: isSuspensionAsked ? 'regulation_11_suspension' : 'direction_and_control',
      isRedeploymentInappropriate: false,
      regulation11Grounds: [],
      reviewCycle: 'standard',
      decisionMaker: '',
      noticeMethod: 'orally_then_in_writing',
      toldOn: null as unknown as string,
      writtenNoticeOn: null,
      rationale: '',
      alternatives: '',
      representations: null,
      isIopcConsulted: false,
      iopcConsultedOn: null,
      arrestFor: null,
      presumptionRebutted: null,
    },
  });
  const [kinds, legalBasis, noticeMethod, isIopcConsulted, arrestFor] = useWatch({
    control: form.control,
    name: ['kinds', 'legalBasis', 'noticeMethod', 'isIopcConsulted', 'arrestFor'],
  });
  const chosen = Array.isArray(kinds) ? kinds : [];
  const isSuspension = chosen.includes('suspension');
  const [message, setMessage] = useState<string | null>(null);

  const submit = form.handleSubmit(async (body: ApplyRestrictionBody) => {
    setMessage(null);
    try {
      await api.post(`/api/restrictions/${restriction.id}/apply`, body);
      onDone();
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });

  return (
    <FormScope name={`apply-${restriction.id}`}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Apply: ${restriction.reference}`}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <fieldset className="field">
          <legend>{labels.kinds}</legend>
          <p className="hint">The conference asked for: {wordsFor(restriction.kind)}. Choose everything that applies.</p>
          <div className="checkbox-columns">
            {restrictionKinds.map((kind) => (
              <label key={kind} className="checkbox">
                <input type="checkbox" value={kind} {...form.register('kinds')} />
                {wordsFor(kind)}
              </label>
            ))}
          </div>
        </fieldset>
        {chosen.includes('system_access_restriction') && (
          <Field form={form} name="namedSystem" label={labels.namedSystem}>
            {(props) => <input {...props} {...form.register('namedSystem', { setValueAs: blankAsNull })} />}
          </Field>
        )}
        {chosen.includes('other') && (
          <Field form={form} name="otherKind" label={labels.otherKind}>
            {(props) => <input {...props} {...form.register('otherKind', { setValueAs: blankAsNull })} />}
          </Field>
        )}
        <div className="grid-2">
          <Field form={form} name="legalBasis" label={labels.legalBasis}>
            {(props) => (
              <select {...props} {...form.register('legalBasis')}>
                {legalBases.map((option) => (
                  <option key={option} value={option}>
                    {wordsFor(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="reviewCycle" label={labels.reviewCycle}>
            {(props) => (
              <select {...props} {...form.register('reviewCycle')}>
                {reviewCycles.map((option) => (
                  <option key={option} value={option}>
                    {wordsFor(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {legalBasis === 'regulation_11_suspension' && (
          <fieldset className="field">
            <legend>Regulation 11 conditions</legend>
            <label className="checkbox">
              <input type="checkbox" {...form.register('isRedeploymentInappropriate')} />
              Redeployment to other duties was considered and judged inappropriate
            </label>
            <p className="hint">And at least one of:</p>
            {regulation11Grounds.map((ground) => (
              <label key={ground} className="checkbox">
                <input type="checkbox" value={ground} {...form.register('regulation11Grounds')} />
                {wordsFor(ground)}
              </label>
            ))}
          </fieldset>
        )}
        <DateField form={form as never} name="effectiveOn" label={labels.effectiveOn} hint="For example, 23 12 2026." />
        <Field form={form} name="conditions" label={labels.conditions}>
          {(props) => <textarea {...props} {...form.register('conditions')} maxLength={5000} />}
        </Field>
        <Field form={form} name="decisionMaker" label={labels.decisionMaker} hint="Name and rank, or the role of the delegate.">
          {(props) => <input {...props} {...form.register('decisionMaker')} />}
        </Field>
        <fieldset className="field">
          <legend>{labels.noticeMethod}</legend>
          {noticeMethods.map((method) => (
            <label key={method} className="checkbox">
              <input type="radio" value={method} {...form.register('noticeMethod')} />
              {wordsFor(method)}
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          <DateField form={form as never} name="toldOn" label={labels.toldOn} />
          {noticeMethod === 'orally_then_in_writing' && (
            <DateField
              form={form as never}
              name="writtenNoticeOn"
              label={labels.writtenNoticeOn}
              hint="Within 3 working days of telling the officer; leave empty until it is given."
            />
          )}
        </div>
        <Field form={form} name="rationale" label={labels.rationale}>
          {(props) => <textarea {...props} {...form.register('rationale')} maxLength={5000} />}
        </Field>
        <Field form={form} name="alternatives" label={labels.alternatives} hint="What else was considered, and why it was not enough.">
          {(props) => <textarea {...props} {...form.register('alternatives')} maxLength={5000} />}
        </Field>
        <Field form={form} name="representations" label={labels.representations} hint="Optional.">
          {(props) => <textarea {...props} {...form.register('representations', { setValueAs: blankAsNull })} maxLength={5000} />}
        </Field>
        <fieldset className="field">
          <legend>{labels.isIopcConsulted}</legend>
          <label className="checkbox">
            <input type="checkbox" {...form.register('isIopcConsulted')} />
            The IOPC was consulted
          </label>
        </fieldset>
        {isIopcConsulted && <DateField form={form as never} name="iopcConsultedOn" label={labels.iopcConsultedOn} />}
        <Field
          form={form}
          name="arrestFor"
          label={labels.arrestFor}
          hint="Regulation 11C: an arrest for these offences presumes suspension."
        >
          {(props) => (
            <select {...props} {...form.register('arrestFor', { setValueAs: blankAsNull })}>
              <option value="">Not arrested for either</option>
              {presumingOffences.map((offence) => (
                <option key={offence} value={offence}>
                  {wordsFor(offence)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {arrestFor && !isSuspension && (
          <Field form={form} name="presumptionRebutted" label={labels.presumptionRebutted}>
            {(props) => <textarea {...props} {...form.register('presumptionRebutted', { setValueAs: blankAsNull })} maxLength={5000} />}
          </Field>
        )}
        {isSuspension && <p className="hint">A suspension takes effect once a second officer from professional standards approves it.</p>}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            {isSuspension ? 'Propose the suspension' : 'Apply'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </FormScope>
  );
}
