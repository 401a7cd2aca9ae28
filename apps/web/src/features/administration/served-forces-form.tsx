import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { updateAgencyBody, type AgencyView, type UpdateAgencyBody } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, FormScope, useFieldId, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';
import { adminKeys, useAgencies } from './admin-data';

const labels = { servesForceIds: 'Force areas served' };

/**
 * The police forces an IDVA service serves: its force area. Caseroom proposes an IDVA from a service that
 * does not serve the suspect's force (nor, for a victim who is police staff, her own force).
 */
export function ServedForcesForm({ agency }: { agency: AgencyView }) {
  const agencies = useAgencies();
  const forces = (agencies.data ?? []).filter((candidate) => candidate.kind === 'police_force');
  const form = useSchemaForm(updateAgencyBody, { values: { servesForceIds: [...agency.servesForceIds] } });
  const update = useApiMutation<UpdateAgencyBody, AgencyView>('PATCH', `/api/agencies/${agency.id}`, [adminKeys.agencies]);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const id = useFieldId()('servesForceIds');

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setSaved(null);
    try {
      await update.mutateAsync({ servesForceIds: body.servesForceIds ?? [] });
      setSaved('The force areas are saved.');
    } catch (error) {
      setMessage(applyServerErrors(form as never, error));
    }
  });

  return (
    <FormScope name="areas">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="areas-heading">
        <h2 id="areas-heading">{labels.servesForceIds}</h2>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} />
        <Controller
          control={form.control}
          name="servesForceIds"
          render={({ field }) => {
            const chosen: string[] = field.value ?? [];
            const toggle = (forceId: string, isChosen: boolean) =>
              field.onChange(isChosen ? [...chosen, forceId] : chosen.filter((held) => held !== forceId));
            return (
              <fieldset className="field" aria-describedby={`${id}-hint`}>
                <legend>The police forces whose area this service covers</legend>
                <p className="hint" id={`${id}-hint`}>
                  For a victim of a police officer, Caseroom proposes an IDVA from a service that does not serve the suspect&rsquo;s force.
                  Leave every force unticked for a service that serves no force area in particular, such as a national one.
                </p>
                <div className="role-choices">
                  {forces.map((force, index) => (
                    <label key={force.id} className="checkbox">
                      <input
                        type="checkbox"
                        id={index === 0 ? id : `${id}-${force.code}`}
                        checked={chosen.includes(force.id)}
                        onChange={(event) => toggle(force.id, event.target.checked)}
                        onBlur={field.onBlur}
                      />
                      <span>{force.name}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          }}
        />
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Save the force areas
          </button>
        </div>
        <p role="status" className="success">
          {saved}
        </p>
      </form>
    </FormScope>
  );
}
