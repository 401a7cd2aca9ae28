import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import type { CaseView, ReferralBody } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { useApiQuery } from '../../lib/query';
import { useSession } from '../../session';
import type { ReferralValues } from '../referrals/referral-values';
import { VictimWorkplace } from '../referrals/victim-workplace';

/**
 * For the coordinator and the chair: records, or corrects, where a police-employed victim works on a case
 * already registered, with the referral form's own part. Her colleagues it links to the case are stepped
 * out of it at once, so it is confirmed first.
 */
export function CaseVictimWorkplace({ caseId }: { caseId: string }) {
  const { api } = useSession();
  const queries = useQueryClient();
  const record = useApiQuery<CaseView>(['case', caseId], `/api/cases/${caseId}`);
  // Only the victim's part of the referral form is shown and sent.
  const form = useForm<ReferralValues, unknown, ReferralBody>({
    defaultValues: { victim: { employerForceId: null, userId: null, unitId: null, lineManagerId: null, postings: [] } },
  });
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const isPoliceConnected = record.data?.structure?.policeConnected.victim ?? false;

  const save = async () => {
    const { employerForceId, userId, unitId, lineManagerId } = form.getValues('victim');
    setBusy(true);
    try {
      await api.put(`/api/cases/${caseId}/victim-workplace`, {
        employerForceId: employerForceId ?? null,
        userId: userId ?? null,
        unitId: unitId ?? null,
        lineManagerId: lineManagerId ?? null,
        postings: [],
      });
      setMessage({
        kind: 'success',
        text: 'Where the victim works is recorded. Her colleagues it links to the case are stepped out of it.',
      });
      void queries.invalidateQueries({ queryKey: ['case', caseId] });
    } catch (error) {
      setMessage({
        kind: 'error',
        text:
          error instanceof ApiError
            ? [error.message, ...error.details.map((detail) => detail.message)].join(' ')
            : 'Caseroom could not be reached. Nothing was changed.',
      });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className="card" aria-labelledby="victim-workplace-heading" data-testid="case-victim-workplace">
      <h2 id="victim-workplace-heading">Where the victim works</h2>
      {record.data && (
        <p>
          {isPoliceConnected
            ? 'She is recorded as working for a police force: the case is police-connected on her side too.'
            : 'She is not recorded as police staff.'}
        </p>
      )}
      {message && (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <details>
        <summary>Record or correct where she works</summary>
        <form
          aria-label="Where the victim works"
          onSubmit={(event) => {
            event.preventDefault();
            setMessage(null);
            setConfirming(true);
          }}
        >
          <VictimWorkplace form={form} />
          {isConfirming ? (
            <div className="confirm" role="group" aria-label="Confirm where the victim works">
              <p>
                The people this links to her (her unit, her line managers either way and anyone posted with her) are stepped out of the case
                at once, in every room, as the suspect&rsquo;s colleagues are.
              </p>
              <div className="actions">
                <button type="button" className="danger" autoFocus disabled={isBusy} onClick={() => void save()}>
                  Confirm and record
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Go back
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button type="submit">Record where she works</button>
            </div>
          )}
        </form>
      </details>
    </section>
  );
}
