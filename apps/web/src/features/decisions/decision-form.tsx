import { useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import {
  agencyPositions,
  compartments,
  decisionKinds,
  iopcReferralCriteria,
  recordDecisionBody,
  type AgencyPosition,
  type CandidateForceView,
  type Compartment,
  type DecisionKind,
  type DecisionView,
  type IopcReferralCriterion,
  type RecordDecisionBody,
} from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useBodyForm, useFieldId } from '../../lib/forms';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { compartmentLabels } from '../notes/compartments';

/** The form as the chair fills it in: a row for every agency, a position or none, and boxes left empty. */
interface DecisionValues {
  kind: DecisionKind | '';
  compartment: Compartment;
  rationale: string;
  optionsConsidered: string;
  systems: string;
  forceId: string;
  iopcCriteria: IopcReferralCriterion[];
  positions: Record<string, { position: AgencyPosition | ''; note: string }>;
}

/** No kind chosen for the chair: the decision is theirs to name. */
const empty: Omit<DecisionValues, 'positions'> = {
  kind: '',
  compartment: 'panel',
  rationale: '',
  optionsConsidered: '',
  systems: '',
  forceId: '',
  iopcCriteria: [],
};

const blankAsNull = (text: string) => (text.trim() === '' ? null : text);

/**
 * The body the server is sent: the positions given (in the table's order), an empty optional box as null,
 * and only the details the chosen kind of decision carries.
 */
function toBody(values: DecisionValues, conferenceId: string, agencyIds: readonly string[]): unknown {
  const { kind } = values;
  return {
    kind,
    conferenceId,
    compartment: values.compartment,
    rationale: values.rationale,
    optionsConsidered: blankAsNull(values.optionsConsidered),
    positions: agencyIds
      .filter((agencyId) => values.positions[agencyId]?.position)
      .map((agencyId) => ({
        agencyId,
        position: values.positions[agencyId].position,
        note: blankAsNull(values.positions[agencyId].note ?? ''),
      })),
    ...(kind === 'restrict_system_access' ? { systems: values.systems } : {}),
    ...(kind === 'refer_to_iopc' ? { iopcCriteria: values.iopcCriteria } : {}),
    ...(kind === 'investigation_by_another_force' ? { forceId: values.forceId } : {}),
  };
}

/** A problem with the body's `positions.2.note` belongs to the row of the agency that position is for. */
function fieldOf(path: string, body: unknown): string {
  const match = /^positions\.(\d+)(\..+)?$/.exec(path);
  const agencyId = match ? (body as Pick<RecordDecisionBody, 'positions'>).positions[Number(match[1])]?.agencyId : undefined;
  return match && agencyId ? `positions.${agencyId}${match[2] ?? '.position'}` : path;
}

const labels: Record<string, string> = {
  kind: 'Decision',
  compartment: 'Recorded in',
  rationale: 'Rationale',
  optionsConsidered: 'Options considered',
  systems: 'Systems or records',
  forceId: 'Investigating force',
  iopcCriteria: 'Mandatory referral criteria met',
  positions: 'Agency positions',
};

/**
 * The chair's decision: its kind, rationale, the options considered and each agency's position, checked
 * in the browser by the schema the server checks it with. A recorded decision leaves a fresh form.
 */
export function DecisionForm({
  caseId,
  conferenceId,
  agencyIds,
  onRecorded,
}: {
  caseId: string;
  conferenceId: string;
  agencyIds: readonly string[];
  onRecorded: (decision: DecisionView) => void;
}) {
  const { agencyName } = useSession();
  // Every agency's row named, so that a fresh form clears each of them.
  const fresh = (): DecisionValues => ({
    ...empty,
    positions: Object.fromEntries(agencyIds.map((agencyId) => [agencyId, { position: '', note: '' }])),
  });
  const form = useBodyForm(recordDecisionBody, (values: DecisionValues) => toBody(values, conferenceId, agencyIds), {
    defaultValues: fresh(),
    fieldOf,
  });
  const record = useApiMutation<RecordDecisionBody, DecisionView>('POST', `/api/cases/${caseId}/decisions`);
  const kind = useWatch({ control: form.control, name: 'kind' });
  const forces = useApiQuery<CandidateForceView[]>(
    ['case', caseId, 'candidate-forces'],
    kind === 'investigation_by_another_force' ? `/api/cases/${caseId}/candidate-forces` : null,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const allLabels = {
    ...labels,
    ...Object.fromEntries(
      agencyIds.flatMap((agencyId) => [
        [`positions.${agencyId}.position`, `Position of ${agencyName(agencyId)}`],
        [`positions.${agencyId}.note`, `Note on the position of ${agencyName(agencyId)}`],
      ]),
    ),
  };

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    setRecorded(null);
    try {
      const decision = await record.mutateAsync(body);
      onRecorded(decision);
      setRecorded(`Decision recorded: ${wordsFor(decision.kind)}.`);
      form.reset(fresh());
    } catch (error) {
      setMessage(applyServerErrors(form as never, error, (path) => fieldOf(path, body)));
    }
  });

  return (
    <FormScope name="decision">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="decision-form-heading" data-testid="decision-form">
        <h3 id="decision-form-heading">Record a decision</h3>
        <ErrorSummary errors={form.formState.errors} message={message} labels={allLabels} attempt={form.formState.submitCount} />
        <div className="grid-2">
          <Field form={form} name="kind" label={labels.kind}>
            {(props) => (
              <select {...props} {...form.register('kind')}>
                <option value="">Choose a decision</option>
                {decisionKinds.map((option) => (
                  <option key={option} value={option}>
                    {wordsFor(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="compartment" label={labels.compartment}>
            {(props) => (
              <select {...props} {...form.register('compartment')}>
                {compartments.map((option) => (
                  <option key={option} value={option}>
                    {compartmentLabels[option]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field form={form} name="rationale" label={labels.rationale}>
          {(props) => <textarea {...props} {...form.register('rationale')} />}
        </Field>
        <Field form={form} name="optionsConsidered" label="Options considered (optional)">
          {(props) => <textarea {...props} {...form.register('optionsConsidered')} />}
        </Field>
        {kind === 'restrict_system_access' && (
          <Field form={form} name="systems" label={labels.systems}>
            {(props) => <input {...props} {...form.register('systems')} />}
          </Field>
        )}
        {kind === 'investigation_by_another_force' && (
          <Field form={form} name="forceId" label={labels.forceId}>
            {(props) => (
              <select {...props} {...form.register('forceId')}>
                <option value="">Choose a force</option>
                {(forces.data ?? []).map((force) => (
                  <option key={force.id} value={force.id}>
                    {force.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'refer_to_iopc' && (
          <fieldset>
            <legend>{labels.iopcCriteria}</legend>
            {form.formState.errors.iopcCriteria?.message && <p className="error">{form.formState.errors.iopcCriteria.message}</p>}
            {iopcReferralCriteria.map((criterion) => (
              <label key={criterion} className="checkbox">
                <input type="checkbox" value={criterion} {...form.register('iopcCriteria')} />
                {wordsFor(criterion)}
              </label>
            ))}
          </fieldset>
        )}
        <AgencyPositions form={form} agencyIds={agencyIds} />
        {recorded && (
          <p className="success" role="status">
            {recorded}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Record the decision
          </button>
        </div>
      </form>
    </FormScope>
  );
}

/** A row for each agency: its position (or none given) and a note on it. */
function AgencyPositions({
  form,
  agencyIds,
}: {
  form: UseFormReturn<DecisionValues, unknown, RecordDecisionBody>;
  agencyIds: readonly string[];
}) {
  const { agencyName } = useSession();
  const idOf = useFieldId();
  const errors = form.formState.errors.positions;
  return (
    <fieldset id={idOf('positions')}>
      <legend>{labels.positions}</legend>
      {typeof errors?.message === 'string' && <p className="error">{errors.message}</p>}
      {agencyIds.length === 0 && <p className="muted">No agencies are recorded on this case.</p>}
      <div className="table-scroll">
        <table className="positions">
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Position</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {agencyIds.map((agencyId) => {
              const problem = (errors as Record<string, { position?: { message?: string }; note?: { message?: string } }> | undefined)?.[
                agencyId
              ];
              const problems = [problem?.position?.message, problem?.note?.message].filter(Boolean).join('; ');
              return (
                <tr key={agencyId}>
                  <th scope="row">{agencyName(agencyId)}</th>
                  <td>
                    <select
                      id={idOf(`positions.${agencyId}.position`)}
                      aria-label={`Position of ${agencyName(agencyId)}`}
                      aria-invalid={problem?.position ? true : undefined}
                      {...form.register(`positions.${agencyId}.position`)}
                    >
                      <option value="">Not given</option>
                      {agencyPositions.map((position) => (
                        <option key={position} value={position}>
                          {wordsFor(position)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      id={idOf(`positions.${agencyId}.note`)}
                      aria-label={`Note on the position of ${agencyName(agencyId)}`}
                      aria-invalid={problem?.note ? true : undefined}
                      aria-describedby={problems ? `${idOf(`positions.${agencyId}`)}-error` : undefined}
                      {...form.register(`positions.${agencyId}.note`)}
                    />
                    {problems && (
                      <p className="error" id={`${idOf(`positions.${agencyId}`)}-error`}>
                        {problems}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
