import { useState } from 'react';
import {
  createPostingBody,
  updatePostingBody,
  type AgencyView,
  type CreatePostingBody,
  type PostingView,
  type UpdatePostingBody,
  type UserView,
} from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { applyServerErrors, DateField, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { errorMessage, useApiMutation } from '../../lib/query';
import { formatDate } from '../../lib/words';
import { adminKeys, byId, flattenTree, unitPath, unitTree, useUnits, useUnitsOfAgencies } from './admin-data';

const labels = { unitId: 'Unit or team', roleTitle: 'Role', startsOn: 'From', endsOn: 'Until' };

/** Today as the calendar says here, `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Where a police officer or member of staff has worked, in any force: the access policy finds the
 * people who shared a posting with a suspect from this history.
 */
export function PostingsSection({ person, agencies }: { person: UserView; agencies: readonly AgencyView[] }) {
  const forces = agencies.filter((agency) => agency.kind === 'police_force');
  const units = useUnitsOfAgencies(forces.map((force) => force.id));
  const forceNames = byId(forces);
  const postings = [...person.postings].sort((a, b) => b.startsOn.localeCompare(a.startsOn));

  return (
    <section className="card" aria-labelledby="postings-heading">
      <h2 id="postings-heading">Postings</h2>
      {postings.length === 0 && <p>No posting is recorded for {person.name}.</p>}
      <ul className="record-list" aria-label={`Postings of ${person.name}`}>
        {postings.map((posting) => {
          const unit = units.get(posting.unitId);
          return (
            <PostingItem
              key={posting.id}
              posting={posting}
              where={`${unit ? unitPath(unit.id, units) : 'A unit'}, ${forceNames.get(unit?.agencyId ?? '')?.name ?? 'another force'}`}
              userId={person.id}
            />
          );
        })}
      </ul>
      <AddPostingForm person={person} forces={forces} />
    </section>
  );
}

function PostingItem({ posting, where, userId }: { posting: PostingView; where: string; userId: string }) {
  const [isEnding, setEnding] = useState(false);
  const remove = useApiMutation<void>('DELETE', `/api/postings/${posting.id}`, [adminKeys.person(userId), adminKeys.people]);
  return (
    <li>
      <p className="posting-title">
        <strong>{posting.roleTitle}</strong> · {where}
      </p>
      <p>
        {formatDate(posting.startsOn)} to {posting.endsOn ? formatDate(posting.endsOn) : 'now (current posting)'}
      </p>
      <div className="actions">
        {!posting.endsOn && !isEnding && (
          <button type="button" className="secondary" onClick={() => setEnding(true)}>
            End this posting
          </button>
        )}
        <ConfirmStep
          label="Remove this posting"
          confirmLabel="Confirm: remove the posting"
          isBusy={remove.isPending}
          onConfirm={() => remove.mutate()}
          consequence={
            <p>
              The posting is deleted as if it had never been: the access policy no longer counts it when it looks for people who worked with
              a suspect. Remove only a posting recorded by mistake; to record that it is over, end it instead.
            </p>
          }
        />
      </div>
      {remove.error && (
        <p className="error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      {isEnding && <EndPostingForm posting={posting} userId={userId} onDone={() => setEnding(false)} />}
    </li>
  );
}

function EndPostingForm({ posting, userId, onDone }: { posting: PostingView; userId: string; onDone: () => void }) {
  const form = useSchemaForm(updatePostingBody, { defaultValues: { endsOn: today() } });
  const end = useApiMutation<UpdatePostingBody, PostingView>('PATCH', `/api/postings/${posting.id}`, [
    adminKeys.person(userId),
    adminKeys.people,
  ]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    if (!body.endsOn) return form.setError('endsOn', { type: 'required', message: 'is required' });
    try {
      await end.mutateAsync({ endsOn: body.endsOn });
      onDone();
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name={`end-${posting.id}`}>
      <form
        className="inline-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={`End the posting as ${posting.roleTitle}`}
      >
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <DateField form={form} name="endsOn" label="Last day of the posting" />
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            End the posting
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </FormScope>
  );
}

function AddPostingForm({ person, forces }: { person: UserView; forces: readonly AgencyView[] }) {
  const [forceId, setForceId] = useState(person.agencyId);
  const units = useUnits(forceId);
  const form = useSchemaForm(createPostingBody, { defaultValues: { unitId: '', roleTitle: '', startsOn: '', endsOn: null } });
  const add = useApiMutation<CreatePostingBody, PostingView>('POST', `/api/users/${person.id}/postings`, [
    adminKeys.person(person.id),
    adminKeys.people,
  ]);
  const [message, setMessage] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const named = byId(units.data);

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setAdded(null);
    try {
      const posting = await add.mutateAsync(body);
      form.reset({ unitId: '', roleTitle: '', startsOn: '', endsOn: null });
      setAdded(`The posting as ${posting.roleTitle} is added.`);
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    }
  });

  return (
    <FormScope name="new-posting">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-posting-heading">
        <h3 id="new-posting-heading">Add a posting</h3>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <div className="grid-2">
          <div className="field">
            <label htmlFor="posting-force">Force</label>
            <p className="hint" id="posting-force-hint">
              A posting may be in another force, before a transfer.
            </p>
            <select
              id="posting-force"
              aria-describedby="posting-force-hint"
              value={forceId}
              onChange={(event) => {
                setForceId(event.target.value);
                form.setValue('unitId', '');
              }}
            >
              {forces.map((force) => (
                <option key={force.id} value={force.id}>
                  {force.name}
                </option>
              ))}
            </select>
          </div>
          <Field form={form} name="unitId" label={labels.unitId}>
            {(props) => (
              <select {...props} {...form.register('unitId')}>
                <option value="">Choose a unit or team</option>
                {flattenTree(unitTree(units.data ?? [])).map((node) => (
                  <option key={node.unit.id} value={node.unit.id}>
                    {unitPath(node.unit.id, named)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field form={form} name="roleTitle" label={labels.roleTitle} hint="Their role in it, such as Response officer.">
          {(props) => <input {...props} {...form.register('roleTitle')} autoComplete="off" />}
        </Field>
        <div className="grid-2">
          <DateField form={form} name="startsOn" label="From" />
          <DateField form={form} name="endsOn" label="Until" hint="Leave empty for their current posting." />
        </div>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Add the posting
          </button>
        </div>
        <p role="status" className="success">
          {added}
        </p>
      </form>
    </FormScope>
  );
}
