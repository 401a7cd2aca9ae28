import { useState } from 'react';
import { createUnitBody, unitKinds, updateUnitBody, type CreateUnitBody, type UnitView, type UpdateUnitBody } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { adminKeys, byId, flattenTree, unitAndBelow, unitPath, unitTree } from './admin-data';

const labels = { name: 'Name', kind: 'Kind', parentId: 'Part of' };
/** The select's "top of the force" is no parent at all. */
const noneIsNull = (value: unknown) => (value === '' ? null : value);

/** The units a unit may sit under, in the tree's order, each named with the units above it. */
function ParentOptions({ units, excluded }: { units: readonly UnitView[]; excluded: ReadonlySet<string> }) {
  const named = byId(units);
  return (
    <>
      <option value="">Top of the force (directly under the force)</option>
      {flattenTree(unitTree(units))
        .filter((node) => !excluded.has(node.unit.id))
        .map((node) => (
          <option key={node.unit.id} value={node.unit.id}>
            {unitPath(node.unit.id, named)} ({wordsFor(node.unit.kind)})
          </option>
        ))}
    </>
  );
}

/** A new command, department, unit or team of a force, at the top or under one of its units. */
export function AddUnitForm({ agencyId, units }: { agencyId: string; units: readonly UnitView[] }) {
  const form = useSchemaForm(createUnitBody, { defaultValues: { name: '', parentId: null } });
  const create = useApiMutation<CreateUnitBody, UnitView>('POST', `/api/agencies/${agencyId}/units`, [adminKeys.units(agencyId)]);
  const [message, setMessage] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setAdded(null);
    try {
      const unit = await create.mutateAsync(body);
      form.reset({ name: '', kind: body.kind, parentId: body.parentId });
      setAdded(`${unit.name} is added.`);
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="new-unit">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-unit-heading">
        <h3 id="new-unit-heading">Add a unit or team</h3>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <div className="grid-3">
          <Field form={form} name="name" label="Name">
            {(props) => <input {...props} {...form.register('name')} autoComplete="off" />}
          </Field>
          <Field form={form} name="kind" label="Kind">
            {(props) => (
              <select {...props} {...form.register('kind')}>
                <option value="">Choose command, department, unit or team</option>
                {unitKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {wordsFor(kind)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="parentId" label="Part of">
            {(props) => (
              <select {...props} {...form.register('parentId', { setValueAs: noneIsNull })}>
                <ParentOptions units={units} excluded={new Set()} />
              </select>
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Add the unit
          </button>
        </div>
        <p role="status" className="success">
          {added}
        </p>
      </form>
    </FormScope>
  );
}

/**
 * Renames a unit or moves it (with everything under it) beneath another unit of the same force. The
 * unit itself and the units under it are not offered as its new parent: the hierarchy stays a tree.
 */
export function ChangeUnitForm({ unit, units, onDone }: { unit: UnitView; units: readonly UnitView[]; onDone: () => void }) {
  const form = useSchemaForm(updateUnitBody, { defaultValues: { name: unit.name, parentId: unit.parentId } });
  const update = useApiMutation<UpdateUnitBody, UnitView>('PATCH', `/api/units/${unit.id}`, [adminKeys.units(unit.agencyId)]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    const patch: UpdateUnitBody = {
      ...(values.name !== undefined && values.name !== unit.name ? { name: values.name } : {}),
      ...(values.parentId !== undefined && values.parentId !== unit.parentId ? { parentId: values.parentId } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone();
    try {
      await update.mutateAsync(patch);
      onDone();
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name={`unit-${unit.id}`}>
      <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Rename or move ${unit.name}`}>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <div className="grid-2">
          <Field form={form} name="name" label="Name">
            {(props) => <input {...props} {...form.register('name')} autoComplete="off" />}
          </Field>
          <Field form={form} name="parentId" label="Part of" hint="Everything under it moves with it.">
            {(props) => (
              <select {...props} {...form.register('parentId', { setValueAs: noneIsNull })}>
                <ParentOptions units={units} excluded={unitAndBelow(unit.id, units)} />
              </select>
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Save {unit.name}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </FormScope>
  );
}
