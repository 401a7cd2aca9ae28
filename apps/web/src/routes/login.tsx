import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EnrolmentStart, LoginResult, Me, SsoProvider } from '@caseroom/contracts';
import { ApiError, type ApiClient } from '../lib/api-client';

/** Where identity providers send the browser back to (PUBLIC_URL + this path; decision 0029). */
const ssoReturnPath = '/login/sso';

type Step =
  | { kind: 'password' }
  | { kind: 'returning' }
  | { kind: 'code'; challengeToken: string; useRecoveryCode: boolean }
  | { kind: 'enrol'; challengeToken: string; enrolment: EnrolmentStart | null }
  | { kind: 'recovery-codes'; codes: readonly string[] };

/**
 * Sign-in: password, then the second factor (a code from the authenticator, or enrolling one the first
 * time); or "Sign in with <provider>", which comes back here with the provider's answer.
 */
export function LoginRoute({ api, onSignedIn }: { api: ApiClient; onSignedIn: (me: Me) => void }) {
  const isReturning = window.location.pathname === ssoReturnPath;
  const [step, setStep] = useState<Step>(isReturning ? { kind: 'returning' } : { kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [providers, setProviders] = useState<readonly SsoProvider[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api
      .ssoProviders()
      .then(setProviders)
      .catch(() => setProviders([]));
  }, [api]);

  useEffect(() => {
    if (!isReturning) return;
    // The provider's answer is read once; the address goes back to the start, so a reload does not replay it.
    const callback = window.location.search;
    window.history.replaceState(null, '', '/');
    void run(async () => {
      try {
        const result = await api.completeSso(callback);
        if (result.status === 'linked') {
          setNotice('Your organisational account is linked. You can sign in with it from now on.');
          setStep({ kind: 'password' });
        } else if (result.status === 'stepped_up') setStep({ kind: 'password' });
        else await follow(result);
      } catch (caught) {
        setStep({ kind: 'password' });
        throw caught;
      }
    });
    // Once, on arrival.
  }, []);

  useEffect(() => {
    document.title = 'Sign in · Caseroom';
    heading.current?.focus();
  }, [step.kind]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Caseroom could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const follow = async (result: LoginResult) => {
    if (result.status === 'authenticated') onSignedIn(await api.me());
    else if (result.status === 'second_factor_required')
      setStep({ kind: 'code', challengeToken: result.challengeToken, useRecoveryCode: false });
    else setStep({ kind: 'enrol', challengeToken: result.challengeToken, enrolment: await api.startEnrolment(result.challengeToken) });
  };

  const signInWith = (provider: SsoProvider) =>
    void run(async () => {
      const { authorizationUrl } = await api.startSso(provider.id);
      window.location.assign(authorizationUrl);
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const text = (name: string) => raw(name).trim();
    void run(async () => {
      switch (step.kind) {
        case 'password':
          return follow(await api.login({ email: text('email'), password: raw('password') }));
        case 'code':
          return follow(
            await api.verifySecondFactor(
              step.useRecoveryCode
                ? { challengeToken: step.challengeToken, recoveryCode: text('code').toLowerCase() }
                : { challengeToken: step.challengeToken, code: text('code').replace(/\s+/g, '') },
            ),
          );
        case 'enrol': {
          const confirmed = await api.confirmEnrolment(step.challengeToken, text('code').replace(/\s+/g, ''));
          setStep({ kind: 'recovery-codes', codes: confirmed.recoveryCodes });
          return;
        }
        case 'recovery-codes':
          onSignedIn(await api.me());
          return;
        case 'returning':
          return;
      }
    });
  };

  return (
    <main id="content" className="narrow">
      <div className="card">
        <p className="muted" style={{ margin: 0 }}>
          Caseroom
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {(step.kind === 'password' || step.kind === 'returning') && 'Sign in'}
          {step.kind === 'code' && 'Second factor'}
          {step.kind === 'enrol' && 'Set up your authenticator'}
          {step.kind === 'recovery-codes' && 'Keep your recovery codes'}
        </h1>
        {notice && (
          <p className="success" role="status">
            {notice}
          </p>
        )}
        {step.kind === 'returning' && !error && <p role="status">Signing you in…</p>}
        <form onSubmit={submit} noValidate aria-describedby={error ? 'sign-in-error' : undefined} hidden={step.kind === 'returning'}>
          {step.kind === 'password' && (
            <>
              <label htmlFor="email">E-mail address</label>
              <input id="email" name="email" type="email" autoComplete="username" required />
              <label htmlFor="password">Password</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required />
            </>
          )}
          {step.kind === 'code' && (
            <>
              <label htmlFor="code">{step.useRecoveryCode ? 'Recovery code' : 'Code from your authenticator'}</label>
              <p className="hint" id="code-hint">
                {step.useRecoveryCode ? 'Ten characters, as xxxxx-xxxxx. Each works once.' : 'Six digits.'}
              </p>
              <input
                id="code"
                name="code"
                key={String(step.useRecoveryCode)}
                inputMode={step.useRecoveryCode ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                aria-describedby="code-hint"
                required
              />
              <p>
                <button type="button" className="link" onClick={() => setStep({ ...step, useRecoveryCode: !step.useRecoveryCode })}>
                  {step.useRecoveryCode ? 'Use a code from the authenticator instead' : 'Use a recovery code instead'}
                </button>
              </p>
            </>
          )}
          {step.kind === 'enrol' && (
            <>
              <p>Your role needs a second factor. Add Caseroom to an authenticator app with this key, then enter the code it shows.</p>
              {step.enrolment && (
                <>
                  <p className="hint">Key</p>
                  <p>
                    <code data-testid="enrolment-secret">{step.enrolment.secret}</code>
                  </p>
                  <p className="hint">Or open this address on the device: {step.enrolment.otpauthUri}</p>
                </>
              )}
              <label htmlFor="code">Code from your authenticator</label>
              <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
            </>
          )}
          {step.kind === 'recovery-codes' && (
            <>
              <p>Keep these somewhere safe. Each can be used once if you lose your authenticator. They are not shown again.</p>
              <ul>
                {step.codes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          {error && (
            <p id="sign-in-error" className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              {step.kind === 'password' ? 'Sign in' : step.kind === 'recovery-codes' ? 'Continue' : 'Verify'}
            </button>
            {step.kind !== 'password' && step.kind !== 'recovery-codes' && step.kind !== 'returning' && (
              <button type="button" className="secondary" onClick={() => setStep({ kind: 'password' })}>
                Start again
              </button>
            )}
          </div>
        </form>
        {step.kind === 'password' && providers.length > 0 && (
          <section aria-labelledby="sso-heading">
            <h2 id="sso-heading">Or with your organisation</h2>
            <p className="hint">Only for an organisational account you have linked to Caseroom from Your account.</p>
            <div className="actions">
              {providers.map((provider) => (
                <button key={provider.id} type="button" className="secondary" disabled={isBusy} onClick={() => signInWith(provider)}>
                  Sign in with {provider.label}
                </button>
              ))}
            </div>
          </section>
        )}
      </div>
    </main>
  );
}
