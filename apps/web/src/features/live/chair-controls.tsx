import type { ConferenceView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { ConfirmStep } from '../../lib/confirm-step';
import type { LiveClient } from '../../lib/live-client';

/** Opening and closing the conference: the chair's alone. */
export function ChairControls({
  live,
  conference,
  onProblem,
  onStatus,
}: {
  live: LiveClient;
  conference: ConferenceView;
  onProblem: (message: string | null) => void;
  onStatus: (status: ConferenceView['status']) => void;
}) {
  // Only a closing is announced to the room; the chair's own screen follows its acknowledgement.
  const send = async (event: 'conference.open' | 'conference.close') => {
    const ack = await live.emit(event, { conferenceId: conference.id });
    onProblem(ack.ok ? null : ack.message);
    if (ack.ok) onStatus(event === 'conference.open' ? 'open' : 'closed');
  };
  return (
    <section className="card" aria-labelledby="chair-heading">
      <h2 id="chair-heading">Chair</h2>
      <div className="actions" style={{ marginTop: 0 }}>
        {conference.status === 'scheduled' && (
          <button type="button" onClick={() => void send('conference.open')}>
            Open the conference
          </button>
        )}
        {conference.status === 'open' && (
          <ConfirmStep
            label="Close the conference"
            question="Close the conference?"
            consequence="Closing ends the conference for everyone in the room: no more notes, decisions or actions can be recorded in it, and it cannot be opened again."
            confirmLabel="Confirm closing"
            onConfirm={() => void send('conference.close')}
          />
        )}
        {conference.status === 'closed' && (
          <p>
            The conference is closed. <Link to={`/conferences/${conference.id}/minutes`}>Write the minutes</Link>
          </p>
        )}
      </div>
    </section>
  );
}
