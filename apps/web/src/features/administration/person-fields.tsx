import { Controller, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { roles, type AgencyView, type Role, type UnitView, type UserView } from '@caseroom/contracts';
import { Field, useFieldId } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { byId, flattenTree, managedBy, unitPath, unitTree } from './admin-data';

/** The fields a new person and a person's record share, by the names both contract schemas give them. */
export interface PersonFieldValues extends FieldValues {
  name?: string;
  email?: string;
  unitId?: string | null;
  roles?: Role[];
  staffNumber?: string | null;
  rank?: string | null;
  lineManagerId?: string | null;
}

export const personLabels: Record<string, string> = {
  name: 'Full name',
  email: 'E-mail address',
  agencyId: 'Agency',
  unitId: 'Unit or team',
  roles: 'Roles',
  staffNumber: 'Staff or collar number',
  rank: 'Rank or grade',
  lineManagerId: 'Line manager',
};

/** An empty box or "none" is no value at all. */
export const emptyIsNull = (value: unknown) => (value === '' ? null : value);

const roleHints: Record<Role, string> = {
  administrator: 'manages agencies, units and people; sees no case',
  coordinator: 'registers cases and schedules conferences',
  chair: 'chairs conferences and records decisions',
  member: 'takes part for their agency',
  idva: "speaks for the victim's safety",
  psd: 'manages duty restrictions for their force',
  observer: 'attends without taking part',
};

function RolesField({ form }: { form: UseFormReturn<PersonFieldValues, unknown, FieldValues> }) {
  const id = useFieldId()('roles');
  return (
    <Controller
      control={form.control}
      name="roles"
      render={({ field, fieldState }) => {
        const chosen = field.value ?? [];
        const toggle = (role: Role, isChosen: boolean) =>
          field.onChange(isChosen ? [...chosen, role] : chosen.filter((held: Role) => held !== role));
        return (
          <fieldset
            className={fieldState.error ? 'field field-error' : 'field'}
            aria-describedby={[`${id}-hint`, fieldState.error ? `${id}-error` : null].filter(Boolean).join(' ')}
          >
            <legend>Roles</legend>
            <p className="hint" id={`${id}-hint`}>
              Administrators, coordinators, chairs and professional standards sign in with an authenticator as well as a password.
            </p>
            {fieldState.error?.message && (
              <p className="error" id={`${id}-error`}>
                {fieldState.error.message}
              </p>
            )}
            <div className="role-choices">
              {roles.map((role, index) => (
                <label key={role} className="checkbox">
                  <input
                    type="checkbox"
                    id={index === 0 ? id : `${id}-${role}`}
                    checked={chosen.includes(role)}
                    onChange={(event) => toggle(role, event.target.checked)}
                    onBlur={field.onBlur}
                  />
                  <span>
                    {wordsFor(role)} <span className="muted">({roleHints[role]})</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      }}
    />
  );
}

/**
 * Name, e-mail, roles, unit and, for police officers and staff, staff number, rank and line manager.
 * The line manager is chosen from the active people of the same force; the person and anyone they
 * manage are not offered, since the chain would loop.
 */
export function PersonFields({
  form,
  agency,
  units,
  people,
  userId,
}: {
  form: UseFormReturn<PersonFieldValues, unknown, FieldValues>;
  agency: AgencyView | undefined;
  units: readonly UnitView[];
  people: readonly UserView[];
  /** The person whose record this is; null for a new person. */
  userId: string | null;
}) {
  const isPolice = agency?.kind === 'police_force';
  const named = byId(units);
  const excluded = userId ? managedBy(userId, people) : new Set<string>();
  const current = userId ? people.find((person) => person.id === userId)?.lineManagerId : null;
  const managers = people
    .filter((person) => person.agencyId === agency?.id && !excluded.has(person.id) && (person.isActive || person.id === current))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

  return (
    <>
      <div className="grid-2">
        <Field form={form} name="name" label={personLabels.name}>
          {(props) => <input {...props} {...form.register('name')} autoComplete="off" />}
        </Field>
        <Field form={form} name="email" label={personLabels.email} hint="They sign in with it.">
          {(props) => <input {...props} {...form.register('email')} type="email" autoComplete="off" />}
        </Field>
      </div>
      <RolesField form={form} />
      {units.length > 0 && (
        <Field
          form={form}
          name="unitId"
          label={personLabels.unitId}
          hint="Where they work now: the access policy compares it with a suspect's."
        >
          {(props) => (
            <select {...props} {...form.register('unitId', { setValueAs: emptyIsNull })}>
              <option value="">None</option>
              {flattenTree(unitTree(units)).map((node) => (
                <option key={node.unit.id} value={node.unit.id}>
                  {unitPath(node.unit.id, named)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {isPolice && (
        <fieldset>
          <legend>Police officer or staff</legend>
          <div className="grid-3">
            <Field form={form} name="staffNumber" label={personLabels.staffNumber}>
              {(props) => <input {...props} {...form.register('staffNumber', { setValueAs: emptyIsNull })} autoComplete="off" />}
            </Field>
            <Field form={form} name="rank" label={personLabels.rank}>
              {(props) => <input {...props} {...form.register('rank', { setValueAs: emptyIsNull })} autoComplete="off" />}
            </Field>
            <Field form={form} name="lineManagerId" label={personLabels.lineManagerId} hint={`Someone in ${agency.name}.`}>
              {(props) => (
                <select {...props} {...form.register('lineManagerId', { setValueAs: emptyIsNull })}>
                  <option value="">None</option>
                  {managers.map((manager) => (
                    <option key={manager.id} value={manager.id}>
                      {manager.name}
                      {manager.rank ? `, ${manager.rank}` : ''}
                      {manager.isActive ? '' : ' (disabled)'}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      )}
    </>
  );
}
