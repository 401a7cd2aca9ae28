import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AgencyNameView, Me } from '@caseroom/contracts';
import type { ApiClient } from './lib/api-client';

export interface Session {
  readonly api: ApiClient;
  readonly me: Me;
  readonly agencies: ReadonlyMap<string, AgencyNameView>;
  readonly agencyName: (agencyId: string) => string;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

/** Holds who is signed in; the tokens themselves stay inside the API client, in memory. */
export function SessionProvider({
  api,
  me,
  onSignedOut,
  children,
}: {
  api: ApiClient;
  me: Me;
  onSignedOut: () => void;
  children: ReactNode;
}) {
  const [agencies, setAgencies] = useState<ReadonlyMap<string, AgencyNameView>>(new Map());
  useEffect(() => {
    api
      .get<AgencyNameView[]>('/api/directory/agencies')
      .then((list) => setAgencies(new Map(list.map((agency) => [agency.id, agency]))))
      .catch(() => setAgencies(new Map()));
  }, [api]);
  useEffect(() => api.onSignedOut(onSignedOut), [api, onSignedOut]);
  const session = useMemo<Session>(
    () => ({
      api,
      me,
      agencies,
      agencyName: (agencyId) => agencies.get(agencyId)?.name ?? 'Another agency',
      signOut: () => api.logout(),
    }),
    [api, me, agencies],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
