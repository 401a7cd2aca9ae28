import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MyMinutesCopyView } from '@caseroom/contracts';
import { Link } from 'react-router';
import { copyStateOf } from '../features/minutes/copy-state';
import { FreshCopy } from '../features/minutes/fresh-copy';
import { myMinutesKey } from '../features/minutes/minutes-data';
import { errorMessage } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDate, formatDateTime, wordsFor } from '../lib/words';
import { useSession } from '../session';

/**
 * The copies of minutes issued to me, newest first: each my own, made for me by the policy, numbered
 * and traceable to me. A current copy opens in the browser and downloads as PDF or Word; a withdrawn or
 * replaced one no longer opens; one that holds what I may no longer receive can be exchanged for a
 * fresh one.
 */
export function MyMinutesRoute() {
  useScreenTitle('My minutes');
  const { api } = useSession();
  // Read afresh each time the screen opens: a copy may have gone stale since (a conflict recorded after the meeting).
  const mine = useQuery({ queryKey: myMinutesKey, queryFn: () => api.get<MyMinutesCopyView[]>('/api/me/minutes'), staleTime: 0 });
  const [issued, setIssued] = useState<MyMinutesCopyView | null>(null);
  const copies = [...(mine.data ?? [])].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.number - a.number);

  return (
    <>
      <h1 tabIndex={-1}>My minutes</h1>
      <p className="hint">
        Each copy is made for you alone, holds only what you may receive, and carries your name and its number. Keep it to yourself: a copy
        can be traced to the person it was issued to.
      </p>
      {mine.isLoading && <p role="status">Loading your copies…</p>}
      {mine.error && (
        <p className="error" role="alert">
          {errorMessage(mine.error)}
        </p>
      )}
      {issued && (
        <p className="success" role="status">
          A fresh copy, copy {issued.number}, is issued to you in place of the old one.{' '}
          <Link to={`/minutes/${issued.copyId}`}>Open copy {issued.number}</Link>
        </p>
      )}
      {mine.data && copies.length === 0 && <p>No minutes have been issued to you.</p>}
      {copies.length > 0 && (
        <div className="table-scroll">
          <table className="my-minutes">
            <caption>Copies issued to you</caption>
            <thead>
              <tr>
                <th scope="col">Conference</th>
                <th scope="col">Meeting date</th>
                <th scope="col">Version</th>
                <th scope="col">Copy</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {copies.map((copy) => {
                const state = copyStateOf(copy, copies);
                const isOpenable = state === 'copy_current' || state === 'copy_superseded';
                return (
                  <tr key={copy.copyId} className={isOpenable ? undefined : 'inactive'}>
                    <th scope="row">{copy.conferenceTitle}</th>
                    <td>{formatDate(copy.scheduledAt)}</td>
                    <td>{copy.version}</td>
                    <td>Copy {copy.number}</td>
                    <td>
                      <time dateTime={copy.issuedAt}>{formatDateTime(copy.issuedAt)}</time>
                    </td>
                    <td>
                      <span className={`badge ${state.replace('_', '-')}`}>{wordsFor(state)}</span>
                      {copy.withdrawnReason && state !== 'copy_current' && <span className="muted"> {copy.withdrawnReason}</span>}
                    </td>
                    <td>
                      {isOpenable && (
                        <Link to={`/minutes/${copy.copyId}`} aria-label={`Open copy ${copy.number} of ${copy.conferenceTitle}`}>
                          Open
                        </Link>
                      )}
                      {state === 'copy_stale' && <FreshCopy copy={copy} onIssued={setIssued} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
