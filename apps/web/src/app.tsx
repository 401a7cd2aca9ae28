import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { Me } from '@caseroom/contracts';
import { ApiClient } from './lib/api-client';
import { Link, match, usePath } from './lib/router';
import { ScreenBoundary } from './lib/screen-boundary';
import { CaseAccessRoute } from './routes/case-access';
import { ConferencesRoute } from './routes/conferences';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { SessionProvider, useSession } from './session';

/**
 * The live room (the live channel, the notes editor and its shared documents) is most of the client's
 * code, and the contract's schemas come with it and with the restrictions screen: both are fetched
 * when first opened, so signing in and the conference list load without them.
 */
const ConferenceRoute = lazy(() => import('./routes/conference').then((module) => ({ default: module.ConferenceRoute })));
const RestrictionsRoute = lazy(() => import('./routes/restrictions').then((module) => ({ default: module.RestrictionsRoute })));

export function App() {
  const api = useMemo(() => new ApiClient(), []);
  const [me, setMe] = useState<Me | null>(null);
  const signedOut = useCallback(() => setMe(null), []);

  if (!me) return <LoginRoute api={api} onSignedIn={setMe} />;
  return (
    <SessionProvider api={api} me={me} onSignedOut={signedOut}>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const path = usePath();
  const { me, signOut } = useSession();
  const isPsd = me.roles.includes('psd');
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="top-bar">
        <Link className="brand" href="/">
          Caseroom
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                Conferences
              </Link>
            </li>
            {isPsd && (
              <li>
                <Link href="/restrictions" aria-current={path === '/restrictions' ? 'page' : undefined}>
                  Restrictions
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <span>{me.name}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="content">
        {/* Keyed by the address: moving to another screen starts afresh after a failure. */}
        <ScreenBoundary key={path}>
          <Suspense fallback={<p role="status">Opening…</p>}>
            <Screen path={path} />
          </Suspense>
        </ScreenBoundary>
      </main>
    </>
  );
}

function Screen({ path }: { path: string }) {
  if (path === '/' || path === '/conferences') return <ConferencesRoute />;
  const conference = match('/conferences/:conferenceId', path);
  if (conference) return <ConferenceRoute key={conference.conferenceId} conferenceId={conference.conferenceId} />;
  if (path === '/restrictions') return <RestrictionsRoute />;
  const access = match('/cases/:caseId/access', path);
  if (access) return <CaseAccessRoute caseId={access.caseId} />;
  return <NotFoundRoute />;
}
