import { useState } from 'react';
import { Link } from 'react-router';
import type { ReferralDraftSummaryView } from '@caseroom/contracts';
import { errorMessage, useApiMutation, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate, formatDateTime } from '../lib/words';

/** The referrals this person has started and not submitted: resume one, or delete it. */
export function ReferralDraftsRoute() {
  useScreenTitle('My drafts');
  const drafts = useApiQuery<ReferralDraftSummaryView[]>(['referral-drafts'], '/api/referrals/drafts');
  const remove = useApiMutation<{ id: string }>('DELETE', ({ id }) => `/api/referrals/drafts/${id}`, [['referral-drafts']]);
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <>
      <h1 tabIndex={-1}>My drafts</h1>
      <p className="muted">Referrals you have started and not submitted. Only you can see them.</p>
      <p>
        <Link to="/referrals/new">Refer a case</Link>
      </p>
      {drafts.isLoading && <p role="status">Loading your drafts…</p>}
      {drafts.error && (
        <p className="error" role="alert">
          {errorMessage(drafts.error)}
        </p>
      )}
      {remove.error && (
        <p className="error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      {drafts.data && drafts.data.length === 0 && <p>You have no draft.</p>}
      {drafts.data && drafts.data.length > 0 && (
        <ul className="draft-list" aria-label="Drafts">
          {drafts.data.map((draft) => {
            const name = draft.victimPseudonym ?? 'A referral without a pseudonym yet';
            return (
              <li key={draft.id} className="card">
                <h2>
                  <Link to={`/referrals/drafts/${draft.id}`}>{name}</Link>
                </h2>
                <p className="muted">
                  {draft.referredOn && /^\d{4}-\d{2}-\d{2}$/.test(draft.referredOn)
                    ? `Referral dated ${formatDate(draft.referredOn)} · `
                    : ''}
                  last saved {formatDateTime(draft.updatedAt)}
                </p>
                <div className="actions">
                  <Link className="button-link" to={`/referrals/drafts/${draft.id}`} aria-label={`Resume ${name}`}>
                    Resume
                  </Link>
                  {confirming === draft.id ? (
                    <>
                      <button type="button" className="danger" autoFocus onClick={() => remove.mutate({ id: draft.id })}>
                        Confirm deleting {name}
                      </button>
                      <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" className="secondary" onClick={() => setConfirming(draft.id)}>
                      Delete {name}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
