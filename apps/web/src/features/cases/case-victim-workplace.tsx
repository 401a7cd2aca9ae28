import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import type { CaseView, ReferralBody, VictimWorkplaceView } from '@caseroom/contracts';
import { applyServerErrors } from '../../lib/forms';
import { useApiQuery } from '../../lib/query';
import { useSession } from '../../session';
import type { ReferralValues } from '../referrals/referral-values';
import { VictimWorkplace } from '../referrals/victim-workplace';

/**
 * For the coordinator and the chair: records, or corrects, where a police-employed victim works on a case
 * already registered, with the referral form's own part. The form starts from what the case records (read
 * when it is opened, and logged as a reading of the victim compartment), so that what is not changed is
 * sent back as it was. Her colleagues it links to the case are stepped out of it at once, so it is
 * confirmed first.
 */
export function CaseVictimWorkplace({ caseId }: { caseId: string }) {
  const record = useApiQuery<CaseView>(['case', caseId], `/api/cases/${caseId}`);
  const [isOpen, setOpen] = useState(false);
  const recorded = useApiQuery<VictimWorkplaceView>(
    ['case', caseId, 'victim-workplace'],
    isOpen ? `/api/cases/${caseId}/victim-workplace` : null,
  );
  const isPoliceConnected = record.data?.structure?.policeConnected.victim ?? false;
  // Kept here: the form below starts again from the record once a change is saved, and the message outlives it.
  const [message, setMessage] = useState<Message | null>(null);

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
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Record or correct where she works</summary>
        {recorded.error && (
          <p className="error" role="alert">
            Where she works could not be read. Nothing was changed.
          </p>
        )}
        {recorded.isLoading && <p role="status">Reading where she works…</p>}
        {/* Keyed by what was read, so that the form starts again from the record after each change. */}
        {recorded.data && (
          <WorkplaceForm key={JSON.stringify(recorded.data)} caseId={caseId} recorded={recorded.data} onMessage={setMessage} />
        )}
      </details>
    </section>
  );
}

interface Message {
  readonly kind: 'success' | 'error';
  readonly text: string;
}

function WorkplaceForm({
  caseId,
  recorded,
  onMessage: setMessage,
}: {
  caseId: string;
  recorded: VictimWorkplaceView;
  onMessage: (message: Message | null) => void;
}) {
  const { api } = useSession();
  const queries = useQueryClient();
  // Only the victim's part of the referral form is shown and sent.
  const form = useForm<ReferralValues, unknown, ReferralBody>({
    defaultValues: { victim: { ...recorded, postings: recorded.postings.map((posting) => ({ ...posting })) } },
  });
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const save = async () => {
    const { employerForceId, userId, unitId, lineManagerId, postings } = form.getValues('victim');
    setBusy(true);
    try {
      await api.put(`/api/cases/${caseId}/victim-workplace`, {
        employerForceId: employerForceId ?? null,
        userId: userId ?? null,
        unitId: unitId ?? null,
        lineManagerId: lineManagerId ?? null,
        postings: postings ?? [],
      });
      setMessage({
        kind: 'success',
        text: 'Where the victim works is recorded. Her colleagues it links to the case are stepped out of it.',
      });
      void queries.invalidateQueries({ queryKey: ['case', caseId] });
    } catch (error) {
      const left = applyServerErrors(form as never, error, (path) => `victim.${path}`);
      setMessage({ kind: 'error', text: left ?? 'Where she works was not recorded: see the fields marked below.' });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
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
    </>
  );
}
