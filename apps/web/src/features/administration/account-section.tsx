import { useState } from 'react';
import type { UpdateUserBody, UserView } from '@caseroom/contracts';
import { ConfirmStep } from '../../lib/confirm-step';
import { errorMessage, useApiMutation } from '../../lib/query';
import { adminKeys, plural } from './admin-data';

type Outcome = { readonly text: string; readonly isError: boolean } | null;

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <p role={outcome?.isError ? 'alert' : 'status'} className={outcome?.isError ? 'error' : 'success'}>
      {outcome?.text}
    </p>
  );
}

/** Whether the account may sign in, its sessions, and its authenticator: each change that cannot be undone asks first. */
export function AccountSection({ person, isSelf }: { person: UserView; isSelf: boolean }) {
  const invalidates = [adminKeys.people];
  const setActive = useApiMutation<UpdateUserBody, UserView>('PATCH', `/api/users/${person.id}`, invalidates);
  const endSessions = useApiMutation<object, { revoked: number }>('POST', `/api/users/${person.id}/sessions/revoke`);
  const resetSecondFactor = useApiMutation<object, void>('POST', `/api/users/${person.id}/second-factor/reset`, invalidates);
  const [access, setAccess] = useState<Outcome>(null);
  const [sessions, setSessions] = useState<Outcome>(null);
  const [secondFactor, setSecondFactor] = useState<Outcome>(null);

  const changeActive = (isActive: boolean) =>
    setActive.mutate(
      { isActive },
      {
        onSuccess: () => setAccess({ text: isActive ? 'The account is enabled.' : 'The account is disabled.', isError: false }),
        onError: (error) => setAccess({ text: errorMessage(error), isError: true }),
      },
    );

  return (
    <section className="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Account and sign-in</h2>
      <div className="account-grid">
        <div>
          <h3>Access</h3>
          <p>
            {person.isActive ? (
              <span className="badge ok">Active: can sign in</span>
            ) : (
              <span className="badge stopped">Disabled: cannot sign in</span>
            )}
          </p>
          {isSelf && person.isActive && <p className="muted">You cannot disable your own account.</p>}
          {!isSelf && person.isActive && (
            <ConfirmStep
              label="Disable the account"
              confirmLabel="Confirm: disable the account"
              isBusy={setActive.isPending}
              onConfirm={() => changeActive(false)}
              consequence={
                <p>
                  {person.name} can no longer sign in, and is signed out everywhere now, live conferences included. Their record and history
                  stay, and the account can be enabled again.
                </p>
              }
            />
          )}
          {!person.isActive && (
            <button type="button" className="secondary" disabled={setActive.isPending} onClick={() => changeActive(true)}>
              Enable the account
            </button>
          )}
          <OutcomeLine outcome={access} />
        </div>
        <div>
          <h3>Sessions</h3>
          <p>Ends every session of {person.name}, in every browser and on every device, at once.</p>
          <ConfirmStep
            label="End all sessions"
            confirmLabel="Confirm: end all sessions"
            isBusy={endSessions.isPending}
            onConfirm={() =>
              endSessions.mutate(
                {},
                {
                  onSuccess: ({ revoked }) =>
                    setSessions({
                      text: revoked === 0 ? 'No session was open.' : `${plural(revoked, 'session', 'sessions')} ended.`,
                      isError: false,
                    }),
                  onError: (error) => setSessions({ text: errorMessage(error), isError: true }),
                },
              )
            }
            consequence={
              <p>
                {person.name} is signed out of Caseroom everywhere now, and leaves any live conference. The account stays active: they can
                sign in again with their password{person.hasSecondFactor ? ' and authenticator' : ''}. Use this for a lost device, or a
                session that may be in the wrong hands.
              </p>
            }
          />
          <OutcomeLine outcome={sessions} />
        </div>
        <div>
          <h3>Second factor</h3>
          <p>{person.hasSecondFactor ? 'An authenticator is set up.' : 'No authenticator is set up.'}</p>
          <ConfirmStep
            label="Reset the second factor"
            confirmLabel="Confirm: reset the second factor"
            isBusy={resetSecondFactor.isPending}
            onConfirm={() =>
              resetSecondFactor.mutate(
                {},
                {
                  onSuccess: () =>
                    setSecondFactor({
                      text: 'The second factor is reset and every session ended.',
                      isError: false,
                    }),
                  onError: (error) => setSecondFactor({ text: errorMessage(error), isError: true }),
                },
              )
            }
            consequence={
              <p>
                Removes the authenticator of {person.name} and its recovery codes, and signs them out everywhere. If their role needs an
                authenticator, they set one up afresh at their next sign-in. Do this for a lost or replaced phone, once you are sure who is
                asking.
              </p>
            }
          />
          <OutcomeLine outcome={secondFactor} />
        </div>
      </div>
    </section>
  );
}
