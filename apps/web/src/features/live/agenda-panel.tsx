import type { ConferenceView } from '@caseroom/contracts';
import type { LiveClient } from '../../lib/live-client';

/** The agenda with the current item marked; the chair moves the conference to an item from here. */
export function AgendaPanel({
  live,
  conference,
  isChair,
  onProblem,
}: {
  live: LiveClient;
  conference: ConferenceView;
  isChair: boolean;
  onProblem: (message: string | null) => void;
}) {
  const moveTo = async (itemId: string) => {
    const ack = await live.emit('agenda.move', { conferenceId: conference.id, itemId });
    onProblem(ack.ok ? null : ack.message);
  };
  return (
    <section className="card" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      <ol className="agenda">
        {conference.agenda.map((item) => {
          const isCurrent = item.itemId === conference.currentItemId;
          const label = item.isSteppedOut ? `Item ${item.position}` : `${item.position}. ${item.reference}`;
          return (
            <li key={item.itemId} aria-current={isCurrent ? 'true' : undefined}>
              <span>
                {label}
                {isCurrent && <span className="visually-hidden"> (current item)</span>}
              </span>
              {isChair && conference.status === 'open' && !isCurrent && (
                <button type="button" className="secondary" onClick={() => void moveTo(item.itemId)} aria-label={`Discuss ${label}`}>
                  Discuss
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
