import type { RestrictionRequestView } from '@caseroom/contracts';
import { useState } from 'react';
import { errorMessage, useApiQuery } from '../../lib/query';
import { formatDateTime, wordsFor } from '../../lib/words';

/**
 * What the conference asked of professional standards, read when opened (each reading is in the access
 * log): the conference and its date, the decision's reasons, the options considered and each agency's
 * position, and from the panel the kinds of allegation and the risk summary. A part the policy does not
 * admit this person to is said to be withheld, never guessed at.
 */
export function RestrictionRequest({ restrictionId }: { restrictionId: string }) {
  const [isOpen, setOpen] = useState(false);
  const request = useApiQuery<RestrictionRequestView>(
    ['restrictions', restrictionId, 'request'],
    isOpen ? `/api/restrictions/${restrictionId}/request` : null,
  );
  const view = request.data;
  return (
    <details className="restriction-request" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>What the conference asked</summary>
      {request.isLoading && <p role="status">Reading the request…</p>}
      {request.error && (
        <p className="error" role="alert">
          {errorMessage(request.error)}
        </p>
      )}
      {view && (
        <dl className="fields summary-list" data-testid="restriction-request">
          <dt>Conference</dt>
          <dd>{view.conference ? `${view.conference.title}, ${formatDateTime(view.conference.scheduledAt)}` : '—'}</dd>
          {view.decision ? (
            <>
              <dt>Decision</dt>
              <dd>
                {wordsFor(view.decision.kind)}, recorded {formatDateTime(view.decision.recordedAt)}
                {view.decision.isSuperseded && <strong className="error"> (since superseded by the conference)</strong>}
              </dd>
              <dt>Rationale</dt>
              <dd className="pre-wrap">{view.decision.rationale}</dd>
              <dt>Options considered</dt>
              <dd className="pre-wrap">{view.decision.optionsConsidered ?? 'None recorded.'}</dd>
              <dt>Each agency&rsquo;s position</dt>
              <dd>
                {view.decision.positions.length === 0 ? (
                  'None recorded.'
                ) : (
                  <ul>
                    {view.decision.positions.map((position) => (
                      <li key={position.agencyId}>
                        {position.agencyName}: {wordsFor(position.position)}
                        {position.note ? ` (${position.note})` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </>
          ) : (
            <>
              <dt>Decision</dt>
              <dd>The decision&rsquo;s reasons are not shared with you.</dd>
            </>
          )}
          {view.panel ? (
            <>
              <dt>Kinds of allegation</dt>
              <dd>{view.panel.allegationKinds.length === 0 ? 'None recorded.' : view.panel.allegationKinds.map(wordsFor).join(', ')}</dd>
              <dt>Risk summary</dt>
              <dd className="pre-wrap">{view.panel.riskSummary ?? 'None recorded.'}</dd>
            </>
          ) : (
            <>
              <dt>Allegations and risk</dt>
              <dd>The panel&rsquo;s part of the case is not shared with you.</dd>
            </>
          )}
        </dl>
      )}
    </details>
  );
}
