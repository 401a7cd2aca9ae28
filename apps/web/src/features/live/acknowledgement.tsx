import { useId, useState } from 'react';
import type { ConferenceView } from '@caseroom/contracts';

/** The confidentiality statement: nothing of the conference is sent before it is acknowledged. */
export function Acknowledgement({ conference, onJoin }: { conference: ConferenceView; onJoin: () => void }) {
  const [hasAgreed, setAgreed] = useState(conference.acknowledgedAt !== null);
  const checkbox = useId();
  return (
    <section className="card" aria-labelledby="confidentiality">
      <h2 id="confidentiality">Confidentiality</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{conference.confidentialityStatement}</p>
      {conference.acknowledgedAt ? (
        <p className="success">You acknowledged this statement.</p>
      ) : (
        <label className="checkbox" htmlFor={checkbox}>
          <input id={checkbox} type="checkbox" checked={hasAgreed} onChange={(event) => setAgreed(event.target.checked)} />I have read the
          confidentiality statement and agree to it
        </label>
      )}
      <div className="actions">
        <button type="button" disabled={!hasAgreed && conference.acknowledgedAt === null} onClick={onJoin}>
          {conference.acknowledgedAt ? 'Join the conference' : 'Acknowledge and join'}
        </button>
      </div>
    </section>
  );
}
