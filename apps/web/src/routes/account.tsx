import { useMutation } from '@tanstack/react-query';
import type { SsoLink, SsoProvider } from '@caseroom/contracts';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime } from '../lib/words';
import { useSession } from '../session';

/**
 * Your account: whether an authenticator is set up, and the organisational accounts linked for single
 * sign-on. Linking runs the provider's sign-in: it needs a second factor proven in the last few
 * minutes, and the tab signs out on the way (its tokens live in memory only).
 */
export function AccountRoute() {
  useScreenTitle('Your account');
  const { api, me } = useSession();
  const links = useApiQuery<SsoLink[]>(['me', 'sso'], '/api/me/sso');
  const providers = useApiQuery<SsoProvider[]>(['sso', 'providers'], '/api/auth/sso/providers');
  const link = useMutation({
    mutationFn: async (providerId: string) => {
      const { authorizationUrl } = await api.startSsoLink(providerId);
      window.location.assign(authorizationUrl);
    },
  });
  const linked = new Set((links.data ?? []).map((entry) => entry.providerId));
  const unlinked = (providers.data ?? []).filter((provider) => !linked.has(provider.id));

  return (
    <>
      <h1 tabIndex={-1}>Your account</h1>
      <section className="card" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">Second factor</h2>
        <p>{me.hasSecondFactor ? 'Your authenticator is set up.' : 'You have no authenticator set up.'}</p>
      </section>
      <section className="card" aria-labelledby="sso-heading">
        <h2 id="sso-heading">Organisational accounts</h2>
        <p className="hint">
          Link the account your organisation gives you, and you can sign in to Caseroom with it. Caseroom never links one by e-mail address
          alone.
        </p>
        {links.isLoading && <p role="status">Loading…</p>}
        {links.data && links.data.length === 0 && <p>No organisational account is linked.</p>}
        {links.data && links.data.length > 0 && (
          <ul aria-label="Linked organisational accounts">
            {links.data.map((entry) => (
              <li key={entry.providerId}>
                {entry.label}, linked <time dateTime={entry.linkedAt}>{formatDateTime(entry.linkedAt)}</time>
              </li>
            ))}
          </ul>
        )}
        {unlinked.length > 0 && (
          <>
            <p className="hint">You will sign in at your organisation, then sign in to Caseroom again.</p>
            <div className="actions">
              {unlinked.map((provider) => (
                <button
                  key={provider.id}
                  type="button"
                  className="secondary"
                  disabled={link.isPending}
                  onClick={() => link.mutate(provider.id)}
                >
                  Link {provider.label} account
                </button>
              ))}
            </div>
          </>
        )}
        {(links.error ?? providers.error ?? link.error) && (
          <p className="error" role="alert">
            {errorMessage(links.error ?? providers.error ?? link.error)}
          </p>
        )}
      </section>
    </>
  );
}
