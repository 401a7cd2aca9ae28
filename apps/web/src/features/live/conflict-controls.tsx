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

/** A member declares their own link to the suspect of the case under discussion, and is stepped out at once. */
export function DeclareConflict({
  live,
  conferenceId,
  caseId,
  onProblem,
}: {
  live: LiveClient;
  conferenceId: string;
  caseId: string;
  onProblem: (message: string | null) => void;
}) {
  const [kind, setKind] = useState<ConflictKind | ''>('');
  const [reason, setReason] = useState('');
  const declare = async () => {
    if (kind === '') return;
    const ack = await live.emit('conflict.declare', { conferenceId, caseId, kind, reason });
    onProblem(ack.ok ? null : ack.message);
  };
  return (
    <section className="card" aria-labelledby="declare-heading">
      <h2 id="declare-heading">Declare a conflict</h2>
      <p className="muted">If you know the suspect of the case under discussion, say so: you are stepped out of it at once.</p>
      <ConflictFields kind={kind} reason={reason} onKind={setKind} onReason={setReason} />
      <div className="actions">
        <ConfirmStep
          label="Declare a conflict"
          question="Declare a conflict with this case?"
          consequence="You will be stepped out of this case at once: you will no longer see or hear anything of it, in this conference or elsewhere."
          confirmLabel="Confirm and step out"
          disabled={kind === '' || reason.trim() === ''}
          onConfirm={() => void declare()}
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
