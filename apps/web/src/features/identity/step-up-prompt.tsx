import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api-client';
import { useSession } from '../../session';

interface Pending {
  readonly settle: (accepted: boolean) => void;
}

/**
 * When an act asks for a recent second factor (applying or lifting a restriction, approving minutes,
 * reading the victim's compartment, linking an account), this asks for a code from the authenticator
 * in a modal dialog; once it is accepted the act is tried again, so nothing typed is lost.
 */
export function StepUpPrompt() {
  const { api, me } = useSession();
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(
    () =>
      api.onStepUpRequired(
        () =>
          new Promise<boolean>((settle) => {
            setError(null);
            setPending({ settle });
          }),
      ),
    [api],
  );

  useEffect(() => {
    if (pending && !dialog.current?.open) dialog.current?.showModal();
    if (!pending && dialog.current?.open) dialog.current.close();
  }, [pending]);

  const finish = (accepted: boolean) => {
    pending?.settle(accepted);
    setPending(null);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get('step-up-code');
    const code = (typeof raw === 'string' ? raw : '').replace(/\s+/g, '');
    setBusy(true);
    setError(null);
    api
      .stepUp(code)
      .then(() => finish(true))
      .catch((caught: unknown) => setError(caught instanceof ApiError ? caught.message : 'Caseroom could not be reached. Try again.'))
      .finally(() => setBusy(false));
  };

  return (
    <dialog ref={dialog} aria-labelledby="step-up-heading" onCancel={() => finish(false)}>
      {pending && (
        <form onSubmit={submit} noValidate>
          <h2 id="step-up-heading">Confirm it is you</h2>
          {me.hasSecondFactor ? (
            <>
              <p>This needs a second factor proven in the last few minutes.</p>
              <label htmlFor="step-up-code">Code from your authenticator</label>
              <input id="step-up-code" name="step-up-code" inputMode="numeric" autoComplete="one-time-code" required />
            </>
          ) : (
            <p>
              This needs a second factor, and you have no authenticator set up. Ask an administrator, or set one up before trying again.
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            {me.hasSecondFactor && (
              <button type="submit" disabled={isBusy}>
                Confirm
              </button>
            )}
            <button type="button" className="secondary" onClick={() => finish(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
