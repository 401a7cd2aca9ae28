import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LiveClient } from '../../lib/live-client';
import { useSession } from '../../session';
import { myMinutesKey } from '../minutes/minutes-data';

/** Every query about the person's notices: the list and the unread count. */
export const noticesKey = ['notices'] as const;

/**
 * For as long as the person is signed in, a live connection of its own that hears of new notices: the
 * server pushes each one to its recipient's sockets, and the list and count are then read again. Its
 * code is fetched after signing in, so the sign-in page stays small; without it, the count is still read
 * at sign-in and when the notices are opened.
 */
export function LiveNotices() {
  const { api } = useSession();
  const queries = useQueryClient();
  useEffect(() => {
    let live: LiveClient | null = null;
    let isStopped = false;
    // A notice of minutes (a copy issued, withdrawn, corrected) changes My minutes too.
    const refresh = () => {
      void queries.invalidateQueries({ queryKey: noticesKey });
      void queries.invalidateQueries({ queryKey: myMinutesKey });
    };
    import('../../lib/live-client')
      .then(({ LiveClient }) => {
        if (isStopped) return;
        live = new LiveClient(api);
        live.on('notification', refresh);
        // Notices raised while the connection was down are in the list: read it again on every (re)connection.
        live.onStatus((status) => status === 'connected' && refresh());
        live.connect();
      })
      .catch(() => undefined);
    return () => {
      isStopped = true;
      live?.close();
    };
  }, [api, queries]);
  return null;
}
