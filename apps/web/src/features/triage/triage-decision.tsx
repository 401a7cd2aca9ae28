import { useEffect, useId, useRef, useState } from 'react';
import type { SubmittedReferralView, TriageRowView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { formatDate, wordsFor } from '../../lib/words';
import { useSession } from '../../session';

type Step = 'decide' | 'confirm-decline' | 'confirm-close' | 'confirm-counter';

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
  const [original, setOriginal] = useState(row.counterAllegationOf[0] ?? '');
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

  const askToRecordCounter = () => {
    if (original.trim() === '') {
      setProblem('Give the reference of the case it answers.');
      return;
    }
    setProblem(null);
    setStep('confirm-counter');
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
          <fieldset className="counter-allegation">
            <legend>A counter-allegation?</legend>
            {row.counterAllegationOf.length > 0 ? (
              <p data-testid="counter-allegation-proposal">
                The victim named in this referral is the suspect of {row.counterAllegationOf.join(', ')}. If it accuses that case’s victim,
                record it on that case instead of accepting it: a case of its own would be heard by a panel that could include the suspect’s
                colleagues.
              </p>
            ) : (
              <p className="hint">If this referral accuses the victim of an existing case, record it on that case by its reference.</p>
            )}
            <label htmlFor={`${id}-original`}>Reference of the case it answers</label>
            <input
              id={`${id}-original`}
              value={original}
              maxLength={20}
              autoComplete="off"
              onChange={(event) => setOriginal(event.target.value)}
            />
            {step === 'confirm-counter' ? (
              <div className="confirm" role="group" aria-label={`Confirm recording ${row.reference} as a counter-allegation`}>
                <p>
                  {row.reference} will be declined with the reason “recorded as a counter-allegation on {original.trim()}”, and what it says
                  moves to {original.trim()}, where that case’s panel sees it. This cannot be undone.
                </p>
                <div className="actions">
                  <button
                    type="button"
                    className="danger"
                    autoFocus
                    disabled={isBusy}
                    onClick={() =>
                      void send(
                        `/api/cases/${row.id}/triage/counter-allegation`,
                        { originalReference: original.trim() },
                        (result) => `${result.reference} is recorded as a counter-allegation on ${original.trim()} and declined.`,
                      )
                    }
                  >
                    Confirm recording on {original.trim()}
                  </button>
                  <button type="button" className="secondary" onClick={() => setStep('decide')}>
                    Go back
                  </button>
                </div>
              </div>
            ) : (
              <div className="actions">
                <button type="button" className="secondary" disabled={isBusy} onClick={askToRecordCounter}>
                  Record as a counter-allegation
                </button>
              </div>
            )}
          </fieldset>
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
