import { useId, useState } from 'react';
import { conflictKinds, type PresenceView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import type { LiveClient } from '../../lib/live-client';
import { wordsFor } from '../../lib/words';

type ConflictKind = (typeof conflictKinds)[number];

/** The kind of link and why: what a conflict records, whoever records it. */
function ConflictFields({
  kind,
  reason,
  onKind,
  onReason,
}: {
  kind: ConflictKind | '';
  reason: string;
  onKind: (kind: ConflictKind | '') => void;
  onReason: (reason: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-kind`}>Link to the suspect</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => onKind(event.target.value as ConflictKind | '')}>
        <option value="">Choose the link</option>
        {conflictKinds.map((option) => (
          <option key={option} value={option}>
            {wordsFor(option)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <input id={`${id}-reason`} value={reason} onChange={(event) => onReason(event.target.value)} maxLength={1000} />
    </>
  );
}

/**
 * A member declares their own link to the suspect of a case (the one under discussion, or one of the agenda's
 * `cases` in the lobby), and is stepped out of it at once. `declare` answers a problem to show, or null.
 */
export function DeclareConflict({
  cases,
  declare,
}: {
  cases: readonly { readonly caseId: string; readonly label: string }[];
  declare: (caseId: string, kind: ConflictKind, reason: string) => Promise<string | null>;
}) {
  const id = useId();
  const [caseId, setCaseId] = useState(cases.length === 1 ? cases[0].caseId : '');
  const [kind, setKind] = useState<ConflictKind | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (cases.length === 0) return null;
  const send = async () => {
    if (kind === '' || caseId === '') return;
    setProblem(await declare(caseId, kind, reason));
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Declare a conflict</h2>
      <p className="muted">If you know the suspect of a case, say so: you are stepped out of it at once.</p>
      {cases.length === 1 && <p>{cases[0].label}</p>}
      {cases.length > 1 && (
        <>
          <label htmlFor={`${id}-case`}>Case</label>
          <select id={`${id}-case`} value={caseId} onChange={(event) => setCaseId(event.target.value)}>
            <option value="">Choose the case</option>
            {cases.map((option) => (
              <option key={option.caseId} value={option.caseId}>
                {option.label}
              </option>
            ))}
          </select>
        </>
      )}
      <ConflictFields kind={kind} reason={reason} onKind={setKind} onReason={setReason} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <ConfirmStep
          label="Declare a conflict"
          question="Declare a conflict with this case?"
          consequence="You will be stepped out of this case at once: you will no longer see or hear anything of it, in this conference or elsewhere."
          confirmLabel="Confirm and step out"
          disabled={caseId === '' || kind === '' || reason.trim() === ''}
          onConfirm={() => void send()}
        />
      </div>
    </section>
  );
}

/** The chair's hand on the people in the room: record someone's conflict with the case under discussion, or remove them. */
export function ParticipantControls({
  live,
  conferenceId,
  caseId,
  present,
  chairId,
  onProblem,
}: {
  live: LiveClient;
  conferenceId: string;
  caseId: string | null;
  present: PresenceView['present'];
  chairId: string;
  onProblem: (message: string | null) => void;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<ConflictKind | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const others = [...new Map(present.filter((person) => person.userId !== chairId).map((person) => [person.userId, person])).values()];
  const chosen = others.find((person) => person.userId === userId) ?? null;

  const send = async (event: 'conflict.record' | 'participant.remove') => {
    if (!chosen) return;
    const ack =
      event === 'participant.remove'
        ? await live.emit(event, { conferenceId, userId: chosen.userId })
        : caseId && kind !== ''
          ? await live.emit(event, { conferenceId, caseId, userId: chosen.userId, kind, reason })
          : null;
    if (!ack) return;
    onProblem(ack.ok ? null : ack.message);
    if (ack.ok) {
      setDone(event === 'participant.remove' ? `${chosen.name} was removed.` : `A conflict was recorded for ${chosen.name}.`);
      setKind('');
      setReason('');
      if (event === 'participant.remove') setUserId('');
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Participants</h2>
      <label htmlFor={`${id}-person`}>Person</label>
      <select id={`${id}-person`} value={userId} onChange={(event) => setUserId(event.target.value)}>
        <option value="">Choose someone in the room</option>
        {others.map((person) => (
          <option key={person.userId} value={person.userId}>
            {person.name}
          </option>
        ))}
      </select>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {chosen && caseId && (
        <>
          <ConflictFields kind={kind} reason={reason} onKind={setKind} onReason={setReason} />
          <div className="actions">
            <ConfirmStep
              label="Record a conflict"
              question={`Record a conflict for ${chosen.name}?`}
              consequence={`${chosen.name} will be stepped out of this case at once.`}
              confirmLabel="Confirm the conflict"
              disabled={kind === '' || reason.trim() === ''}
              onConfirm={() => void send('conflict.record')}
            />
          </div>
        </>
      )}
      {chosen && (
        <div className="actions">
          <ConfirmStep
            label="Remove from the conference"
            question={`Remove ${chosen.name} from the conference?`}
            consequence={`${chosen.name} leaves the room at once and cannot join this conference again.`}
            confirmLabel="Confirm the removal"
            onConfirm={() => void send('participant.remove')}
          />
        </div>
      )}
    </section>
  );
}
