import { useApiQuery } from '../../lib/query';
import { noticesKey } from './live-notices';

/** The number of unread notices beside the menu entry, read at sign-in and again whenever one arrives. */
export function UnreadCount() {
  const unread = useApiQuery<{ unread: number }>([...noticesKey, 'unread'], '/api/me/notifications/unread');
  const count = unread.data?.unread ?? 0;
  if (count === 0) return null;
  return (
    <span className="count" data-testid="unread-count">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
