import { useId, useState } from 'react';
import type { Compartment } from '@caseroom/contracts';
import type { LiveClient } from '../../lib/live-client';
import { CompartmentSelect } from '../notes/compartment-select';
import { compartmentLabels } from '../notes/compartments';
import type { NotesSpan } from '../notes/notes-editor';

const narrower: readonly Compartment[] = ['victim', 'investigation', 'standards'];

/** "Restrict selection" (panel text moved to a narrower compartment) and, for the chair, "Redact selection". */
export function SelectionActions({
  live,
  caseId,
  compartment,
  admitted,
  isChair,
  selection,
}: {
  live: LiveClient;
  caseId: string;
  compartment: Compartment;
  admitted: readonly Compartment[];
  isChair: boolean;
  selection: () => NotesSpan | string;
}) {
  const targets = narrower.filter((target) => admitted.includes(target));
  const [target, setTarget] = useState<Compartment>(targets[0] ?? 'victim');
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const selectId = useId();
  const canRestrict = compartment === 'panel' && targets.length > 0;
  if (!canRestrict && !isChair) return null;

  const act = async (kind: 'restrict' | 'redact') => {
    const span = selection();
    if (typeof span === 'string') return setMessage({ text: span, isError: true });
    const ack =
      kind === 'restrict'
        ? await live.emit('notes.restrict', { caseId, from: 'panel', to: target, span })
        : await live.emit('notes.redact', { caseId, compartment, span });
    setMessage(
      ack.ok
        ? { text: kind === 'restrict' ? `Moved to the ${compartmentLabels[target].toLowerCase()} notes.` : 'Redacted.', isError: false }
        : { text: ack.message, isError: true },
    );
  };

  return (
    <>
      {canRestrict && (
        <>
          <CompartmentSelect
            id={selectId}
            label="Compartment to move the selection to"
            isLabelHidden
            value={target}
            onChange={setTarget}
            options={targets}
          />
          <button type="button" className="secondary" onClick={() => void act('restrict')}>
            Restrict selection
          </button>
        </>
      )}
      {isChair && (
        <button type="button" className="secondary" onClick={() => void act('redact')}>
          Redact selection
        </button>
      )}
      {message && (
        <span role="status" className={message.isError ? 'error' : 'success'}>
          {message.text}
        </span>
      )}
    </>
  );
}
