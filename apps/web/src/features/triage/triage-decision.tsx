import { useEffect, useId, useRef, useState } from 'react';
import type { SubmittedReferralView, TriageRowView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { formatDate, wordsFor } from '../../lib/words';
import { useSession } from '../../session';

type Step = 'decide' | 'confirm-decline' | 'confirm-close';

/**
 * What the coordinator does with one case of the list: accept a referral, or decline it with the
 * reason (after confirming), or close a heard case once no action is open (after confirming).
 */
export function TriageDecision({
  row,
  onChanged,
  onDone,
}: {
  row: TriageRowView;
  onChanged: (message: string) => void;
  onDone: () => void;
}) {
  const { api, agencyName } = useSession();
  const id = useId();
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>('decide');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const canTriage = row.status === 'referred';
  const canClose = row.status === 'heard' || row.status === 'actions_open';

  const send = async (path: string, body: object, said: (result: SubmittedReferralView) => string) => {
    setBusy(true);
    try {
      const result = await api.post<SubmittedReferralView>(path, body);
      onChanged(said(result));
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? [error.message, ...error.details.map((detail) => detail.message)].join(' ')
          : 'Caseroom could not be reached. Nothing was changed.',
      );
      setStep('decide');
    } finally {
      setBusy(false);
    }
  };
  const decide = (outcome: 'accepted' | 'declined') => {
    if (outcome === 'declined' && reason.trim() === '') {
      setProblem('Give the reason for declining.');
      return;
    }
    void send(
      `/api/cases/${row.id}/triage`,
      { outcome, reason: reason.trim() === '' ? null : reason },
      (result) => `${result.reference} is ${wordsFor(result.status).toLowerCase()}. The referrer has been told.`,
    );
  };

  const askToDecline = () => {
    if (reason.trim() === '') {
      setProblem('Give the reason for declining.');
      return;
    }
    setProblem(null);
    setStep('confirm-decline');
  };

  return (
    <section className="card triage-decision" aria-labelledby={`${id}-heading`} data-testid="triage-decision">
      <h2 id={`${id}-heading`} tabIndex={-1} ref={heading}>
        {canTriage ? 'Triage' : 'Case'} {row.reference}
      </h2>
      <dl className="fields summary-list">
        <dt>Referred</dt>
        <dd>
          {formatDate(row.referredOn)} by {agencyName(row.referringAgencyId)}
        </dd>
        <dt>Grounds</dt>
        <dd>
          {wordsFor(row.referralGround)}
          {row.dashScore !== null ? `, DASH score ${row.dashScore} of 24` : ''}
        </dd>
        <dt>Suspect’s force</dt>
        <dd>{agencyName(row.suspectForceId)}</dd>
        <dt>Status</dt>
        <dd>{wordsFor(row.status)}</dd>
        <dt>Repeat</dt>
        <dd>
          {row.isRepeat
            ? row.repeatOfReference
              ? `Yes: a repeat within 12 months of ${row.repeatOfReference}`
              : 'Yes: a repeat within 12 months of an earlier referral'
            : 'No'}
        </dd>
      </dl>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {canTriage && (
        <>
          <label htmlFor={`${id}-reason`}>Reason</label>
          <p className="hint" id={`${id}-reason-hint`}>
            Needed to decline; optional to accept. Recorded with the case, never sent in a notice.
          </p>
          <textarea
            id={`${id}-reason`}
            aria-describedby={`${id}-reason-hint`}
            value={reason}
            maxLength={2000}
            onChange={(event) => setReason(event.target.value)}
          />
          {step === 'decide' && (
            <div className="actions">
              <button type="button" disabled={isBusy} onClick={() => decide('accepted')}>
                Accept {row.reference}
              </button>
              <button type="button" className="secondary danger" disabled={isBusy} onClick={askToDecline}>
                Decline {row.reference}
              </button>
            </div>
          )}
          {step === 'confirm-decline' && (
            <div className="confirm" role="group" aria-label={`Confirm declining ${row.reference}`}>
              <p>A declined referral cannot be accepted later: it would have to be referred again.</p>
              <div className="actions">
                <button type="button" className="danger" autoFocus disabled={isBusy} onClick={() => decide('declined')}>
                  Confirm declining {row.reference}
                </button>
                <button type="button" className="secondary" onClick={() => setStep('decide')}>
                  Go back
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {canClose &&
        (step === 'confirm-close' ? (
          <div className="confirm" role="group" aria-label={`Confirm closing ${row.reference}`}>
            <p>A closed case cannot be listed again. It closes only when every agreed action is done.</p>
            <div className="actions">
              <button
                type="button"
                className="danger"
                autoFocus
                disabled={isBusy}
                onClick={() => void send(`/api/cases/${row.id}/closure`, {}, (result) => `${result.reference} is closed.`)}
              >
                Confirm closing {row.reference}
              </button>
              <button type="button" className="secondary" onClick={() => setStep('decide')}>
                Go back
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" onClick={() => setStep('confirm-close')}>
              Close the case
            </button>
          </div>
        ))}
      {!canTriage && !canClose && <p className="muted">Nothing waits for triage on this case.</p>}
      <div className="actions">
        <button type="button" className="link" onClick={onDone}>
          Back to the list
        </button>
      </div>
    </section>
  );
}
