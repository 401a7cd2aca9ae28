import { useId, useState, type FormEvent } from 'react';
import type { ActionView, Compartment, RecordActionBody } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { useSession } from '../../session';
import { CompartmentSelect } from '../notes/compartment-select';

/**
 * The chair adds an action to the plan: what, which agency owns it, by when, and the compartment it is
 * recorded in (an action that names where the victim lives belongs in the victim compartment, not the panel's).
 */
export function ActionForm({
  caseId,
  conferenceId,
  agencyIds,
  peopleOf,
  onRecorded,
}: {
  caseId: string;
  conferenceId: string;
  agencyIds: readonly string[];
  /** The people of an agency the conference invited: an action may name one of them as its owner. */
  peopleOf: (agencyId: string) => readonly { id: string; name: string }[];
  onRecorded: (action: ActionView) => void;
}) {
  const { api, agencyName } = useSession();
  const id = useId();
  const [text, setText] = useState('');
  const [compartment, setCompartment] = useState<Compartment>('panel');
  const [owner, setOwner] = useState('');
  const [ownerPerson, setOwnerPerson] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [result, setResult] = useState<{ text: string; isError: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: RecordActionBody = {
      conferenceId,
      compartment,
      text,
      ownerAgencyId: owner,
      ownerUserId: ownerPerson === '' ? null : ownerPerson,
      dueOn,
    };
    try {
      onRecorded(await api.post<ActionView>(`/api/cases/${caseId}/actions`, body));
      setResult({ text: 'Action added.', isError: false });
      setText('');
      setOwner('');
      setOwnerPerson('');
      setDueOn('');
    } catch (caught) {
      setResult({ text: caught instanceof ApiError ? caught.message : 'The action could not be added.', isError: true });
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add an action</h3>
      <label htmlFor={`${id}-text`}>Action</label>
      <input id={`${id}-text`} value={text} onChange={(event) => setText(event.target.value)} required maxLength={2000} />
      <div className="grid-2">
        <div>
          <label htmlFor={`${id}-owner`}>Owner agency</label>
          <select
            id={`${id}-owner`}
            value={owner}
            onChange={(event) => {
              setOwner(event.target.value);
              setOwnerPerson('');
            }}
            required
          >
            <option value="">Choose an agency</option>
            {agencyIds.map((agencyId) => (
              <option key={agencyId} value={agencyId}>
                {agencyName(agencyId)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-person`}>Owner</label>
          <select id={`${id}-person`} value={ownerPerson} onChange={(event) => setOwnerPerson(event.target.value)} disabled={owner === ''}>
            <option value="">{owner === '' ? 'Choose the agency first' : 'Anyone at the agency'}</option>
            {(owner === '' ? [] : peopleOf(owner)).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-due`}>Due on</label>
          <input id={`${id}-due`} type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} required />
        </div>
        <div>
          <CompartmentSelect id={`${id}-compartment`} label="Recorded in" value={compartment} onChange={setCompartment} />
        </div>
      </div>
      {result && (
        <p role={result.isError ? 'alert' : 'status'} className={result.isError ? 'error' : 'success'}>
          {result.text}
        </p>
      )}
      <div className="actions">
        <button type="submit">Add the action</button>
      </div>
    </form>
  );
}
