import { useState } from 'react';
import {
  compartments,
  saveMinutesDraftBody,
  type ConferenceMinutesView,
  type MinutesDraftItemView,
  type SaveMinutesDraftInput,
} from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { applyServerErrors, ErrorSummary, Field, useSchemaForm } from '../../lib/forms';
import { formatDateTime, minutesSectionWords } from '../../lib/words';
import { ApproveMinutes } from './approve-minutes';
import { useMinutesChange } from './minutes-data';

type Draft = NonNullable<ConferenceMinutesView['draft']>;

const valuesOf = (draft: Draft): SaveMinutesDraftInput => ({
  revision: draft.revision,
  items: draft.items.map((item) => ({ itemId: item.itemId, summaries: { ...item.summaries } })),
});

/** The compartments of an item the person sees, in the order the minutes set them out. */
const sectionsOf = (item: MinutesDraftItemView) => compartments.filter((compartment) => item.summaries[compartment] !== undefined);

/** A refusal because someone else saved first: the edit was made on a revision that is no longer the draft. */
const isStaleRevision = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.details.some((detail) => detail.path === 'body.revision');

/**
 * The draft as its organiser edits it: per agenda item, a summary for each compartment they may see,
 * saved by revision. An edit made on an older revision is refused, not merged: the person reloads the
 * draft and makes their change again. Approving follows below, from the revision shown here.
 */
export function DraftEditor({ view, onReload }: { view: ConferenceMinutesView; onReload: () => Promise<ConferenceMinutesView | null> }) {
  const draft = view.draft!;
  const form = useSchemaForm(saveMinutesDraftBody, { defaultValues: valuesOf(draft) });
  const save = useMinutesChange(view.conferenceId);
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [isStale, setStale] = useState(false);
  const shown = form.watch('revision');
  const labels = Object.fromEntries(
    draft.items.flatMap((item, index) =>
      sectionsOf(item).map((compartment) => [
        `items.${index}.summaries.${compartment}`,
        `Item ${item.number}, ${minutesSectionWords[compartment]}`,
      ]),
    ),
  );

  const reload = async () => {
    const fresh = await onReload();
    if (!fresh?.draft) return;
    form.reset(valuesOf(fresh.draft));
    setStale(false);
    setMessage(null);
  };

  return (
    <>
      <form
        className="minutes-draft"
        noValidate
        aria-label="Draft minutes"
        onSubmit={(event) =>
          void form.handleSubmit(async (values) => {
            setMessage(null);
            setSavedAt(null);
            try {
              const saved = await save.mutateAsync((api) =>
                api.patch<ConferenceMinutesView>(`/api/conferences/${view.conferenceId}/minutes/draft`, values),
              );
              form.reset(valuesOf(saved.draft!));
              setSavedAt(saved.draft!.updatedAt);
            } catch (error) {
              if (isStaleRevision(error)) setStale(true);
              else setMessage(applyServerErrors(form, error));
            }
          })(event)
        }
      >
        <h2>Draft</h2>
        <p className="muted">
          Revision {shown}, last saved by {draft.updatedByName} on {formatDateTime(draft.updatedAt)}. Each summary starts from the notes of
          its compartment; write what the minutes should say. Only the compartments you may see are shown.
        </p>
        {isStale && (
          <div className="warning" role="alert">
            <p>
              <strong>Someone saved the draft since you opened it.</strong> Your changes here were not saved. Reload the draft to see
              theirs, then make your change again (copy what you wrote first if you need it).
            </p>
            <div className="actions tight">
              <button type="button" onClick={() => void reload()}>
                Reload the draft
              </button>
            </div>
          </div>
        )}
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        {draft.items.length === 0 && <p>You may see no item of this conference&apos;s agenda.</p>}
        {draft.items.map((item, index) => (
          <fieldset key={item.itemId} className="card minutes-draft-item">
            <legend>
              Item {item.number} — <span className="reference">{item.reference}</span>
            </legend>
            {sectionsOf(item).map((compartment) => (
              <div key={compartment} className={`minutes-draft-section c-${compartment}`}>
                <Field form={form} name={`items.${index}.summaries.${compartment}`} label={minutesSectionWords[compartment]}>
                  {(props) => <textarea {...props} rows={5} {...form.register(`items.${index}.summaries.${compartment}`)} />}
                </Field>
              </div>
            ))}
          </fieldset>
        ))}
        <div className="actions">
          <button type="submit" disabled={save.isPending || isStale}>
            Save the draft
          </button>
        </div>
        {savedAt && !form.formState.isDirty && (
          <p className="success" role="status">
            Draft saved at {formatDateTime(savedAt)}.
          </p>
        )}
      </form>
      <ApproveMinutes view={view} revision={shown} hasUnsavedChanges={form.formState.isDirty || isStale} />
    </>
  );
}
