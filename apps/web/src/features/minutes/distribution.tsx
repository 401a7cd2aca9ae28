import type { ConferenceMinutesView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { errorMessage } from '../../lib/query';
import { formatDateTime } from '../../lib/words';
import { useMinutesChange } from './minutes-data';

/**
 * Distributing the latest approved version: one copy per person, made by the policy for that person at
 * this moment, each told by a notice and downloaded inside Caseroom; nothing leaves as an attachment.
 */
export function Distribution({ view }: { view: ConferenceMinutesView }) {
  const distribute = useMinutesChange(view.conferenceId);
  const latest = view.versions.at(-1);
  if (!latest) return <p>Approve the minutes to distribute them.</p>;
  if (latest.distributedAt)
    return (
      <p>
        Version {latest.version} was distributed on {formatDateTime(latest.distributedAt)}.
      </p>
    );
  return (
    <>
      <p>Version {latest.version} is approved and not distributed yet.</p>
      <ConfirmStep
        label={`Distribute version ${latest.version}`}
        question={`Distribute version ${latest.version}?`}
        consequence={
          <p>
            One copy is made for each person: the chair, the coordinator and everyone on the conference&apos;s register. Each holds only
            what the policy lets that person receive, carries their name and its own number, and is traceable to them. Each person is told
            by a notice and downloads their copy in Caseroom; nothing is sent by e-mail.
          </p>
        }
        confirmLabel={`Confirm: distribute version ${latest.version}`}
        isBusy={distribute.isPending}
        onConfirm={() =>
          void distribute
            .mutateAsync((api) => api.post<ConferenceMinutesView>(`/api/minutes/${latest.minutesId}/distribute`))
            .catch(() => null)
        }
      />
      {distribute.error && (
        <p className="error" role="alert">
          {errorMessage(distribute.error)}
        </p>
      )}
    </>
  );
}
