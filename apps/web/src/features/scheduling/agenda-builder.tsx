import { useEffect, useId, useState, type FormEvent } from 'react';
import { isListable, type AgendaDirection, type CaseSummaryView, type ConferencePlanView, type PlannedItemView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { formatDateTime, wordsFor } from '../../lib/words';
import type { Preparation } from './preparation';

const labelOf = (item: PlannedItemView) => (item.isSteppedOut || !item.reference ? `Item ${item.position}` : item.reference);

/** Whether the item can change places with its neighbour: never across from cases with children to those without. */
function canMove(agenda: readonly PlannedItemView[], index: number, direction: AgendaDirection): boolean {
  const neighbour = agenda[direction === 'up' ? index - 1 : index + 1];
  if (!neighbour) return false;
  const [own, theirs] = [agenda[index].hasChildren, neighbour.hasChildren];
  // Where the organiser may not know, the server decides.
  return own === null || theirs === null || own === theirs;
}

/**
 * The agenda as its organiser builds it: cases with children in the household first, then in the order
 * set here with Move up and Move down (keyboard included: focus stays with the item that moved); a case
 * comes off after a confirmation; the agenda is circulated after one too.
 */
export function AgendaBuilder({
  plan,
  cases,
  preparation,
  isPreparing,
}: {
  plan: ConferencePlanView;
  cases: readonly CaseSummaryView[] | undefined;
  preparation: Preparation;
  isPreparing: boolean;
}) {
  const { agenda, conference } = plan;
  const [moved, setMoved] = useState<{ itemId: string; direction: AgendaDirection } | null>(null);

  useEffect(() => {
    if (!moved) return;
    // Keep the keyboard with the item that moved: on the same button, or the other one at the end of its group.
    const other = moved.direction === 'up' ? 'down' : 'up';
    const target = [moved.direction, other]
      .map((direction) => document.getElementById(`move-${direction}-${moved.itemId}`) as HTMLButtonElement | null)
      .find((button) => button && !button.disabled);
    target?.focus();
    setMoved(null);
  }, [moved]);

  const move = async (itemId: string, direction: AgendaDirection) => {
    await preparation.move(itemId, direction);
    setMoved({ itemId, direction });
  };

  return (
    <section className="card" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      <p className="hint">Cases with children in the household come first, so that children&apos;s agencies may then leave.</p>
      {agenda.length === 0 && <p>No case is on the agenda yet.</p>}
      <ol className="agenda-builder" aria-label="Agenda items in order">
        {agenda.map((item, index) => {
          const label = labelOf(item);
          return (
            <li key={item.itemId}>
              <span className="item-label">
                <strong>
                  {item.position}. {label}
                </strong>
                {item.hasChildren && <span className="tag">Children in the household</span>}
              </span>
              {isPreparing && (
                <span className="item-actions">
                  <button
                    id={`move-up-${item.itemId}`}
                    type="button"
                    className="secondary"
                    aria-label={`Move up: ${label}`}
                    disabled={preparation.isBusy || !canMove(agenda, index, 'up')}
                    onClick={() => void move(item.itemId, 'up')}
                  >
                    Move up
                  </button>
                  <button
                    id={`move-down-${item.itemId}`}
                    type="button"
                    className="secondary"
                    aria-label={`Move down: ${label}`}
                    disabled={preparation.isBusy || !canMove(agenda, index, 'down')}
                    onClick={() => void move(item.itemId, 'down')}
                  >
                    Move down
                  </button>
                  <ConfirmStep
                    label="Remove"
                    accessibleLabel={`Remove ${label}`}
                    question={`Take ${label} off the agenda?`}
                    confirmLabel="Confirm removal"
                    disabled={preparation.isBusy}
                    onConfirm={() => void preparation.removeItem(item.itemId)}
                  />
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {isPreparing && <AddCase agenda={agenda} cases={cases} preparation={preparation} />}
      <h3>Circulation</h3>
      <p>
        {conference.agendaCirculatedAt
          ? `Circulated on ${formatDateTime(conference.agendaCirculatedAt)}. Circulate it again after a change.`
          : 'Not circulated yet.'}
      </p>
      {isPreparing && (
        <ConfirmStep
          label="Circulate the agenda"
          question="Tell everyone invited that the agenda is ready?"
          confirmLabel="Confirm circulation"
          disabled={preparation.isBusy || agenda.length === 0}
          onConfirm={() => void preparation.circulate()}
        />
      )}
    </section>
  );
}

/** Lists a case the organiser may see: those not on the agenda already, and listable where they stand. */
function AddCase({
  agenda,
  cases,
  preparation,
}: {
  agenda: readonly PlannedItemView[];
  cases: readonly CaseSummaryView[] | undefined;
  preparation: Preparation;
}) {
  const id = useId();
  const [caseId, setCaseId] = useState('');
  const listed = new Set(agenda.map((item) => item.caseId));
  const choices = (cases ?? []).filter((candidate) => !listed.has(candidate.id) && isListable(candidate.status));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!caseId) return;
    await preparation.addCase(caseId);
    setCaseId('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add a case</h3>
      <label htmlFor={`${id}-case`}>Case</label>
      <div className="toolbar">
        <select id={`${id}-case`} value={caseId} onChange={(event) => setCaseId(event.target.value)}>
          <option value="">{choices.length === 0 ? 'No other case to add' : 'Choose a case'}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.reference} ({wordsFor(choice.status)})
            </option>
          ))}
        </select>
        <button type="submit" disabled={preparation.isBusy || !caseId}>
          Add to the agenda
        </button>
      </div>
    </form>
  );
}
