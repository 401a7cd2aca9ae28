import { useFieldArray, useWatch } from 'react-hook-form';
import { ethnicGroups, monitoringAnswers, victimGenders } from '@caseroom/contracts';
import { DateField, Field } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { blankAsNull, type ReferralForm } from './referral-values';
import { VictimWorkplace } from './victim-workplace';

const noChild = { name: '', dateOfBirth: null, school: null, childProtectionStatus: null };
const noSafeContact = { method: '', details: '', times: null };

/** The victim: how the panel names them, who they are, how to reach them safely, their children and employer. */
export function VictimFields({ form }: { form: ReferralForm }) {
  const children = useFieldArray({ control: form.control, name: 'victim.children' });
  const safeContact = useWatch({ control: form.control, name: 'victim.safeContact' });
  const text = (name: Parameters<ReferralForm['register']>[0], label: string, hint?: string, optional = true) => (
    <Field form={form} name={name} label={label} hint={hint}>
      {(props) => <input {...props} {...form.register(name, optional ? { setValueAs: blankAsNull } : {})} />}
    </Field>
  );

  return (
    <fieldset className="card">
      <legend>
        <h2>The victim</h2>
      </legend>
      <div className="grid-2">
        {text('victim.pseudonym', 'Pseudonym for the panel', 'How the conference will speak of them, e.g. “Client A”.', false)}
        {text('victim.name', 'Full name', 'Seen only by those who may see the victim’s details.', false)}
      </div>
      <DateField form={form as never} name="victim.dateOfBirth" label="Date of birth (optional)" hint="For example, 27 3 1990" />
      <Field form={form} name="victim.address" label="Address (optional)">
        {(props) => <textarea {...props} {...form.register('victim.address', { setValueAs: blankAsNull })} />}
      </Field>

      <label className="checkbox">
        <input
          type="checkbox"
          checked={safeContact !== null && safeContact !== undefined}
          onChange={(event) => form.setValue('victim.safeContact', event.target.checked ? noSafeContact : null, { shouldDirty: true })}
        />
        There is a safe way to contact the victim
      </label>
      {safeContact && (
        <div className="grid-2">
          {text('victim.safeContact.method', 'How', 'For example, “Mobile, via the IDVA”.', false)}
          {text('victim.safeContact.details', 'Details', undefined, false)}
          {text('victim.safeContact.times', 'Safe times (optional)')}
        </div>
      )}

      <fieldset>
        <legend>Children in the household</legend>
        {children.fields.length === 0 && <p className="muted">No child is recorded.</p>}
        {children.fields.map((child, index) => (
          <div key={child.id} className="child">
            <h3>Child {index + 1}</h3>
            <div className="grid-2">
              {text(`victim.children.${index}.name`, 'Name', undefined, false)}
              {text(`victim.children.${index}.school`, 'School (optional)')}
              {text(
                `victim.children.${index}.childProtectionStatus`,
                'Child protection status (optional)',
                'For example, “Child in need plan”.',
              )}
            </div>
            <DateField form={form as never} name={`victim.children.${index}.dateOfBirth`} label="Date of birth (optional)" />
            <button type="button" className="secondary" onClick={() => children.remove(index)}>
              Remove child {index + 1}
            </button>
          </div>
        ))}
        {children.fields.length < 20 && (
          <div className="actions">
            <button type="button" className="secondary" onClick={() => children.append(noChild)}>
              Add a child
            </button>
          </div>
        )}
      </fieldset>

      <EqualityMonitoring form={form} />

      {text('victim.employer', 'Employer (optional)', 'As the victim describes it, e.g. the team or station.')}
      <VictimWorkplace form={form} />
    </fieldset>
  );
}

type MonitoringName = 'victim.gender' | 'victim.ethnicGroup' | 'victim.disabled' | 'victim.lgbt';

/** Equality monitoring for the MARAC's data return: each question optional, with "not known" and "prefers not to say". */
function EqualityMonitoring({ form }: { form: ReferralForm }) {
  const choice = (name: MonitoringName, label: string, options: readonly string[]) => (
    <Field form={form} name={name} label={label}>
      {(props) => (
        <select {...props} {...form.register(name, { setValueAs: blankAsNull })}>
          <option value="">Not asked</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {wordsFor(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>Equality monitoring (optional)</legend>
      <p className="muted">Counted, never named, in the MARAC’s quarterly return. Ask only where it is safe to.</p>
      <div className="grid-2">
        {choice('victim.gender', 'Gender', victimGenders)}
        {choice('victim.ethnicGroup', 'Ethnic group', ethnicGroups)}
        {choice('victim.disabled', 'Disabled', monitoringAnswers)}
        {choice('victim.lgbt', 'Identifies as LGBT+', monitoringAnswers)}
      </div>
    </fieldset>
  );
}
