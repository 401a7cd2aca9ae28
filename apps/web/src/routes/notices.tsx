import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { noticeDestination } from '../features/notices/notice-destination';
import { noticesKey } from '../features/notices/live-notices';
import { errorMessage, useApiMutation, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';
import { useSession } from '../session';

/**
 * The person's notices, newest first: what each is (in words), its message, when, and whether it is
 * read. The server lists only those the policy still lets the person hear of; a notice names a case by
 * its reference at most.
 */
export function NoticesRoute() {
  useScreenTitle('Notices');
  const { api, me } = useSession();
  const queries = useQueryClient();
  const notices = useApiQuery<NotificationView[]>([...noticesKey, 'list'], '/api/me/notifications');
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/me/notifications/${id}/read`),
    onSuccess: () => queries.invalidateQueries({ queryKey: noticesKey }),
  });
  const markAllRead = useApiMutation<Record<string, never>>('POST', '/api/me/notifications/read', [[...noticesKey]]);
  const unread = (notices.data ?? []).filter((notice) => notice.readAt === null).length;
  const failure = markRead.error ?? markAllRead.error;

  return (
    <>
      <h1 tabIndex={-1}>Notices</h1>
      <div className="toolbar">
        <p className="muted" role="status">
          {notices.data ? (unread === 0 ? 'Everything is read.' : unread === 1 ? '1 unread notice.' : `${unread} unread notices.`) : ''}
        </p>
        <button type="button" className="secondary" disabled={unread === 0 || markAllRead.isPending} onClick={() => markAllRead.mutate({})}>
          Mark all as read
        </button>
      </div>
      {notices.isLoading && <p role="status">Loading notices…</p>}
      {(notices.error ?? failure) && (
        <p className="error" role="alert">
          {errorMessage(notices.error ?? failure)}
        </p>
      )}
      {notices.data && notices.data.length === 0 && <p>You have no notices.</p>}
      <ul className="notice-list" aria-label="Notices">
        {(notices.data ?? []).map((notice) => {
          const destination = noticeDestination(notice, me.roles);
          const isUnread = notice.readAt === null;
          return (
            <li key={notice.id} className={isUnread ? 'card notice unread' : 'card notice'}>
              <h2>
                {wordsFor(notice.kind)} <span className={isUnread ? 'badge unread-badge' : 'badge'}>{isUnread ? 'Unread' : 'Read'}</span>
              </h2>
              <p>{notice.message}</p>
              <p className="muted">
                <time dateTime={notice.createdAt}>{formatDateTime(notice.createdAt)}</time>
              </p>
              <div className="actions">
                {destination && <Link to={destination.to}>{destination.label}</Link>}
                {isUnread && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={markRead.isPending}
                    aria-label={`Mark as read: ${wordsFor(notice.kind)}, ${formatDateTime(notice.createdAt)}`}
                    onClick={() => markRead.mutate(notice.id)}
                  >
                    Mark as read
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
