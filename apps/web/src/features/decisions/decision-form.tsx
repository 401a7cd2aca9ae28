import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  agencyPositions,
  decisionKinds,
  iopcReferralCriteria,
  type AgencyPosition,
  type CandidateForceView,
  type Compartment,
  type DecisionKind,
  type DecisionView,
  type IopcReferralCriterion,
  type RecordDecisionBody,
} from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { CompartmentSelect } from '../notes/compartment-select';

type Positions = Record<string, { position: AgencyPosition | ''; note: string }>;

/** The chair's decision: its kind, rationale, the options considered and each agency's position. */
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
  const { api, agencyName } = useSession();
  const id = useId();
  // No kind chosen for the chair: the decision is theirs to name.
  const [kind, setKind] = useState<DecisionKind | ''>('');
  const [compartment, setCompartment] = useState<Compartment>('panel');
  const [rationale, setRationale] = useState('');
  const [options, setOptions] = useState('');
  const [systems, setSystems] = useState('');
  const [forceId, setForceId] = useState('');
  const [criteria, setCriteria] = useState<IopcReferralCriterion[]>([]);
  const [positions, setPositions] = useState<Positions>({});
  const [forces, setForces] = useState<CandidateForceView[]>([]);
  const [result, setResult] = useState<{ text: string; isError: boolean; details?: readonly string[] } | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    if (kind !== 'investigation_by_another_force') return;
    api
      .get<CandidateForceView[]>(`/api/cases/${caseId}/candidate-forces`)
      .then(setForces)
      .catch(() => setForces([]));
  }, [api, caseId, kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (kind === '') {
      setResult({ text: 'Choose the decision first.', isError: true });
      return;
    }
    const body: RecordDecisionBody = {
      kind,
      conferenceId,
      compartment,
      rationale,
      optionsConsidered: options.trim() === '' ? null : options,
      positions: agencyIds
        .filter((agencyId) => positions[agencyId]?.position)
        .map((agencyId) => ({
          agencyId,
          position: positions[agencyId].position as AgencyPosition,
          note: positions[agencyId].note.trim() === '' ? null : positions[agencyId].note,
        })),
      ...(kind === 'restrict_system_access' ? { systems } : {}),
      ...(kind === 'refer_to_iopc' ? { iopcCriteria: criteria } : {}),
      ...(kind === 'investigation_by_another_force' ? { forceId } : {}),
    };
    setBusy(true);
    try {
      const decision = await api.post<DecisionView>(`/api/cases/${caseId}/decisions`, body);
      onRecorded(decision);
      setResult({ text: `Decision recorded: ${wordsFor(decision.kind)}.`, isError: false });
      // A fresh form for the next decision.
      setKind('');
      setCompartment('panel');
      setRationale('');
      setOptions('');
      setSystems('');
      setForceId('');
      setCriteria([]);
      setPositions({});
    } catch (caught) {
      setResult(
        caught instanceof ApiError
          ? { text: caught.message, isError: true, details: caught.details.map((detail) => `${detail.path}: ${detail.message}`) }
          : { text: 'The decision could not be recorded.', isError: true },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} data-testid="decision-form">
      <h3 id={`${id}-heading`}>Record a decision</h3>
      <div className="grid-2">
        <div>
          <label htmlFor={`${id}-kind`}>Decision</label>
          <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as DecisionKind | '')} required>
            <option value="">Choose a decision</option>
            {decisionKinds.map((option) => (
              <option key={option} value={option}>
                {wordsFor(option)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <CompartmentSelect id={`${id}-compartment`} label="Recorded in" value={compartment} onChange={setCompartment} />
        </div>
      </div>
      <label htmlFor={`${id}-rationale`}>Rationale</label>
      <textarea id={`${id}-rationale`} value={rationale} onChange={(event) => setRationale(event.target.value)} required maxLength={5000} />
      <label htmlFor={`${id}-options`}>Options considered (optional)</label>
      <textarea id={`${id}-options`} value={options} onChange={(event) => setOptions(event.target.value)} maxLength={5000} />
      {kind === 'restrict_system_access' && (
        <>
          <label htmlFor={`${id}-systems`}>Systems or records</label>
          <input id={`${id}-systems`} value={systems} onChange={(event) => setSystems(event.target.value)} required />
        </>
      )}
      {kind === 'investigation_by_another_force' && (
        <>
          <label htmlFor={`${id}-force`}>Investigating force</label>
          <select id={`${id}-force`} value={forceId} onChange={(event) => setForceId(event.target.value)} required>
            <option value="">Choose a force</option>
            {forces.map((force) => (
              <option key={force.id} value={force.id}>
                {force.name}
              </option>
            ))}
          </select>
        </>
      )}
      {kind === 'refer_to_iopc' && (
        <fieldset>
          <legend>Mandatory referral criteria met</legend>
          {iopcReferralCriteria.map((criterion) => (
            <label key={criterion} className="checkbox">
              <input
                type="checkbox"
                checked={criteria.includes(criterion)}
                onChange={(event) =>
                  setCriteria((list) => (event.target.checked ? [...list, criterion] : list.filter((entry) => entry !== criterion)))
                }
              />
              {wordsFor(criterion)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Agency positions</legend>
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
                const entry = positions[agencyId] ?? { position: '', note: '' };
                const set = (change: Partial<Positions[string]>) =>
                  setPositions((all) => ({ ...all, [agencyId]: { ...entry, ...change } }));
                return (
                  <tr key={agencyId}>
                    <th scope="row">{agencyName(agencyId)}</th>
                    <td>
                      <select
                        aria-label={`Position of ${agencyName(agencyId)}`}
                        value={entry.position}
                        onChange={(event) => set({ position: event.target.value as AgencyPosition | '' })}
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
                        aria-label={`Note on the position of ${agencyName(agencyId)}`}
                        value={entry.note}
                        onChange={(event) => set({ note: event.target.value })}
                        maxLength={1000}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      {result && (
        <div role={result.isError ? 'alert' : 'status'} className={result.isError ? 'error' : 'success'}>
          <p>{result.text}</p>
          {result.details && result.details.length > 0 && (
            <ul>
              {result.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          Record the decision
        </button>
      </div>
    </form>
  );
}
