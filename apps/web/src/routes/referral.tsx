import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReferralDraftView, SubmittedReferralView } from '@caseroom/contracts';
import { ReferralForm } from '../features/referrals/referral-form';
import { emptyReferral, fromDraft } from '../features/referrals/referral-values';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { useSession } from '../session';

const today = () => new Date().toISOString().slice(0, 10);

/** Refer a case: a new referral, or a draft resumed (`/referrals/drafts/:draftId`). */
export function ReferralRoute() {
  const { draftId = null } = useParams();
  const title = draftId ? 'Continue a referral' : 'Refer a case';
  useScreenTitle(title);
  const { me } = useSession();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [submitted, setSubmitted] = useState<SubmittedReferralView | null>(null);
  // Once submitted, the draft is gone: it is not asked for again.
  const draft = useApiQuery<ReferralDraftView>(
    ['referral-drafts', draftId],
    draftId && !submitted ? `/api/referrals/drafts/${draftId}` : null,
  );
  const empty = emptyReferral(me.agencyId, today());
  // What the draft held leaves the page's memory with the screen.
  useEffect(() => () => queries.removeQueries({ queryKey: ['referral-drafts', draftId], exact: true }), [queries, draftId]);

  const done = (result: SubmittedReferralView) => {
    setSubmitted(result);
    queries.removeQueries({ queryKey: ['referral-drafts'], exact: true });
  };

  return (
    <>
      <h1 tabIndex={-1} id="referral-heading">
        {submitted ? 'Referral submitted' : title}
      </h1>
      {submitted ? (
        <section className="card" aria-live="polite">
          <p>
            Referral <strong>{submitted.reference}</strong> is submitted. It waits for the MARAC coordinator’s triage, and you will be told
            whether it is accepted.
          </p>
          <ul className="links">
            <li>
              <Link to="/referrals/drafts">Your drafts</Link>
            </li>
            <li>
              <Link to="/conferences">Your conferences</Link>
            </li>
          </ul>
        </section>
      ) : (
        <>
          <p className="muted">
            Everything you write is kept on the Caseroom server, never in this browser. Save a draft to come back to it.
          </p>
          {draft.isLoading && <p role="status">Opening the draft…</p>}
          {draft.error && (
            <p className="error" role="alert">
              {errorMessage(draft.error)}
            </p>
          )}
          {(!draftId || draft.data) && (
            <ReferralForm
              key={draft.data?.id ?? 'new'}
              initial={draft.data ? fromDraft(draft.data.content, empty) : empty}
              draft={draft.data ?? null}
              onSubmitted={done}
              onDeleted={() => {
                queries.removeQueries({ queryKey: ['referral-drafts'], exact: true });
                void navigate('/referrals/drafts');
              }}
            />
          )}
        </>
      )}
    </>
  );
}
