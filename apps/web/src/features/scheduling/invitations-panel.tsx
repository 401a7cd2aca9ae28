import { useId, useState, type FormEvent } from 'react';
import type { CandidateView, ConferencePlanView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import type { Preparation } from './preparation';

const people = (count: number) => (count === 1 ? '1 person' : `${count} people`);

/**
 * Who is invited, and everyone who could be. Before anyone is invited each row shows the agenda items
 * the access policy would step that person out of and its reason, as the server decided them; the
 * suspect of a case on the agenda cannot be invited at all.
 */
export function InvitationsPanel({
  plan,
  preparation,
  isPreparing,
}: {
  plan: ConferencePlanView;
  preparation: Preparation;
  isPreparing: boolean;
}) {
  const { agencies, agencyName } = useSession();
  const id = useId();
  const [agencyId, setAgencyId] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const nameOf = (userId: string) => plan.candidates.find((candidate) => candidate.userId === userId)?.name ?? 'Someone';
  const candidates = [...plan.candidates].sort(
    (a, b) => agencyName(a.agencyId).localeCompare(agencyName(b.agencyId)) || a.name.localeCompare(b.name),
  );
  const invitedCount = plan.candidates.filter((candidate) => candidate.isInvited).length;

  const invite = async (invitees: { userIds?: string[]; agencyIds?: string[] }) => {
    setOutcome(null);
    const result = await preparation.invite(invitees);
    if (!result) return;
    const leftOut = result.leftOutIds.map(nameOf);
    setOutcome(
      [
        result.invitedIds.length === 0 ? 'Nobody new was invited: they already were.' : `Invited ${people(result.invitedIds.length)}.`,
        leftOut.length > 0 ? `Left out: ${leftOut.join(', ')}, the suspect of a case on the agenda, who is never invited.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
  };
  const inviteAgency = (event: FormEvent) => {
    event.preventDefault();
    if (agencyId) void invite({ agencyIds: [agencyId] });
  };

  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <p>{invitedCount === 0 ? 'Nobody is invited yet.' : `${people(invitedCount)} invited, besides the chair.`}</p>
      <p className="hint">
        Each row shows the agenda items the access policy would step that person out of, and why. They would see such an item as its number
        alone. The suspect of a case on the agenda is never invited.
      </p>
      {isPreparing && (
        <form className="inline-form" onSubmit={inviteAgency} aria-labelledby={`${id}-heading`}>
          <h3 id={`${id}-heading`}>Invite an agency</h3>
          <label htmlFor={`${id}-agency`}>Agency</label>
          <div className="toolbar">
            <select id={`${id}-agency`} value={agencyId} onChange={(event) => setAgencyId(event.target.value)}>
              <option value="">Choose an agency</option>
              {[...agencies.values()]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {agency.name}
                  </option>
                ))}
            </select>
            <button type="submit" disabled={preparation.isBusy || !agencyId}>
              Invite everyone from this agency
            </button>
          </div>
        </form>
      )}
      <p role="status" className={outcome ? 'success' : undefined}>
        {outcome}
      </p>
      <div className="table-scroll">
        <table className="candidates">
          <caption>People who could be invited</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Agency</th>
              <th scope="col">Role</th>
              <th scope="col">Would be stepped out of</th>
              <th scope="col">Invitation</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((candidate) => (
              <tr key={candidate.userId} className={candidate.isSuspect ? 'suspect' : undefined}>
                <th scope="row">{candidate.name}</th>
                <td>{agencyName(candidate.agencyId)}</td>
                <td>{candidate.roles.map(wordsFor).join(', ')}</td>
                <td>
                  <StepOuts candidate={candidate} />
                </td>
                <td>
                  <InvitationCell candidate={candidate} preparation={preparation} isPreparing={isPreparing} onInvite={invite} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StepOuts({ candidate }: { candidate: CandidateView }) {
  if (candidate.steppedOutOf.length === 0) return <span className="muted">Nothing on the agenda</span>;
  return (
    <ul className="plain">
      {candidate.steppedOutOf.map((item) => (
        <li key={item.itemId}>
          <strong>
            Item {item.position}, <span className="reference">{item.reference}</span>:
          </strong>{' '}
          {wordsFor(item.reason)}
        </li>
      ))}
    </ul>
  );
}

function InvitationCell({
  candidate,
  preparation,
  isPreparing,
  onInvite,
}: {
  candidate: CandidateView;
  preparation: Preparation;
  isPreparing: boolean;
  onInvite: (invitees: { userIds: string[] }) => Promise<void>;
}) {
  if (candidate.isSuspect) return <strong>Never invited: the suspect</strong>;
  if (candidate.isInvited)
    return (
      <span className="cell-actions">
        <span className="badge">Invited</span>
        {isPreparing && (
          <ConfirmStep
            label="Withdraw"
            accessibleLabel={`Withdraw the invitation of ${candidate.name}`}
            question={`Withdraw the invitation of ${candidate.name}? They will be told.`}
            confirmLabel="Confirm withdrawal"
            disabled={preparation.isBusy}
            onConfirm={() => void preparation.withdraw(candidate.userId)}
          />
        )}
      </span>
    );
  if (!isPreparing) return <span className="muted">Not invited</span>;
  return (
    <button
      type="button"
      className="secondary"
      aria-label={`Invite ${candidate.name}`}
      disabled={preparation.isBusy}
      onClick={() => void onInvite({ userIds: [candidate.userId] })}
    >
      Invite
    </button>
  );
}
