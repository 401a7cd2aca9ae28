import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  allocateIdvaBody,
  type AllocateIdvaBody,
  type CaseIdvaView,
  type IdvaAllocationView,
  type IdvaProposalView,
} from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useBodyForm } from '../../lib/forms';
import { errorMessage, useApiMutation, useApiQuery } from '../../lib/query';
import { formatDateTime, wordsFor } from '../../lib/words';

/** One choice in the form: the service and the IDVA, as one value of the list. */
const choiceOf = (serviceId: string, idvaId: string) => `${serviceId}/${idvaId}`;

interface AllocationValues {
  choice: string;
  reason: string;
}

const labels: Record<string, string> = { choice: 'IDVA', reason: 'Why this IDVA' };

/** Who speaks for the victim on the case; for the coordinator and the chair, whom Caseroom proposes and a form to allocate. */
export function IdvaAllocation({ caseId, mayAllocate }: { caseId: string; mayAllocate: boolean }) {
  const current = useApiQuery<CaseIdvaView>(['case', caseId, 'idva'], `/api/cases/${caseId}/idva`);
  return (
    <section className="card" aria-labelledby="idva-heading">
      <h2 id="idva-heading">IDVA</h2>
      {current.error && (
        <p className="error" role="alert">
          {errorMessage(current.error)}
        </p>
      )}
      {current.data && (current.data.allocation ? <Allocation allocation={current.data.allocation} /> : <p>No IDVA is allocated yet.</p>)}
      {mayAllocate &&
        current.data &&
        (current.data.allocation ? (
          // Folded away once an IDVA speaks for her: changing IDVA is the exception, and says why.
          <details>
            <summary>Change the IDVA</summary>
            <AllocateForm caseId={caseId} hasAllocation />
          </details>
        ) : (
          <AllocateForm caseId={caseId} hasAllocation={false} />
        ))}
    </section>
  );
}

function Allocation({ allocation }: { allocation: IdvaAllocationView }) {
  return (
    <div data-testid="idva-allocation">
      <p>
        <strong>{allocation.idvaName}</strong>, {allocation.serviceName}
      </p>
      <p className="muted">
        Allocated {formatDateTime(allocation.allocatedAt)} by {allocation.allocatedByName}
      </p>
      <p>
        <strong>Why:</strong>{' '}
        {allocation.followedProposal && allocation.basis
          ? `the IDVA Caseroom proposed. ${wordsFor(allocation.basis)}.`
          : 'chosen by the coordinator.'}
        {allocation.reason && ` ${allocation.reason}`}
      </p>
      {allocation.concerns.length > 0 && (
        <p>
          <strong>Area:</strong> {allocation.concerns.map((concern) => wordsFor(concern)).join('; ')}.
        </p>
      )}
    </div>
  );
}

function describeProposal(proposal: IdvaProposalView): string {
  if (!proposal.proposed)
    return proposal.isPoliceConnected
      ? "Caseroom proposes nobody: the victim works for a police force, and no IDVA outside both her force's area and the suspect's can take the case. Whoever you choose, say why."
      : 'Caseroom proposes nobody: no IDVA can take the case.';
  const { serviceId, idvaId, basis } = proposal.proposed;
  const service = proposal.services.find((candidate) => candidate.serviceId === serviceId);
  const idva = service?.idvas.find((candidate) => candidate.idvaId === idvaId);
  return `Caseroom proposes ${idva?.name ?? 'an IDVA'} (${service?.name ?? 'an IDVA service'}). ${wordsFor(basis)}.`;
}

function AllocateForm({ caseId, hasAllocation }: { caseId: string; hasAllocation: boolean }) {
  const proposalKey = ['case', caseId, 'idva', 'proposal'];
  const proposal = useApiQuery<IdvaProposalView>(proposalKey, `/api/cases/${caseId}/idva/proposal`);
  const proposed = proposal.data?.proposed ? choiceOf(proposal.data.proposed.serviceId, proposal.data.proposed.idvaId) : '';
  const form = useBodyForm<AllocationValues, typeof allocateIdvaBody>(
    allocateIdvaBody,
    ({ choice, reason }) => {
      const [serviceId = '', idvaId = ''] = choice.split('/');
      return { serviceId, idvaId, reason: reason.trim() === '' ? null : reason };
    },
    { values: { choice: proposed, reason: '' }, resetOptions: { keepDirtyValues: true }, fieldOf: toField },
  );
  const choice = useWatch({ control: form.control, name: 'choice' });
  const allocate = useApiMutation<AllocateIdvaBody, IdvaAllocationView>('POST', `/api/cases/${caseId}/idva`, [['case', caseId, 'idva']]);
  const [message, setMessage] = useState<string | null>(null);
  const needsReason = choice !== '' && choice !== proposed;

  const submit = form.handleSubmit(async (body) => {
    setMessage(null);
    try {
      await allocate.mutateAsync(body);
      form.reset({ choice: proposed, reason: '' });
    } catch (error) {
      setMessage(applyServerErrors(form as never, error, toField));
    }
  });

  if (proposal.error)
    return (
      <p className="error" role="alert">
        {errorMessage(proposal.error)}
      </p>
    );
  if (!proposal.data) return <p role="status">Loading the proposal…</p>;
  return (
    <FormScope name="idva">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="allocate-heading">
        <h3 id="allocate-heading">{hasAllocation ? 'Allocate another IDVA' : 'Allocate an IDVA'}</h3>
        <p data-testid="idva-proposal">{describeProposal(proposal.data)}</p>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="choice" label={labels.choice} hint="Grouped by IDVA service, with the force areas a service is inside of.">
          {(props) => (
            <select {...props} {...form.register('choice')}>
              <option value="">Choose an IDVA</option>
              {proposal.data.services.map((service) => (
                <optgroup
                  key={service.serviceId}
                  label={`${service.name}: ${service.concerns.length === 0 ? 'outside the areas of concern' : service.concerns.map((concern) => wordsFor(concern)).join('; ')}`}
                >
                  {service.idvas.map((idva) => (
                    <option key={idva.idvaId} value={choiceOf(service.serviceId, idva.idvaId)}>
                      {idva.name} ({idva.caseload === 1 ? '1 open case' : `${idva.caseload} open cases`})
                      {choiceOf(service.serviceId, idva.idvaId) === proposed ? ', proposed' : ''}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field
          form={form}
          name="reason"
          label={labels.reason}
          hint={needsReason ? 'Required: you are choosing someone other than the IDVA proposed.' : 'Optional when you follow the proposal.'}
        >
          {(props) => <textarea {...props} rows={2} {...form.register('reason')} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Allocate the IDVA
          </button>
        </div>
      </form>
    </FormScope>
  );
}

/** The body names the service and the IDVA apart; the form chooses them together. */
function toField(path: string): string {
  return path === 'serviceId' || path === 'idvaId' ? 'choice' : path;
}
