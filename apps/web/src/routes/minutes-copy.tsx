import { useQuery } from '@tanstack/react-query';
import type { MinutesRendition } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { CopyDownloads } from '../features/minutes/copy-downloads';
import { ApiError } from '../lib/api-client';
import { errorMessage } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime } from '../lib/words';
import { useSession } from '../session';

interface OpenedCopy {
  /** The copy as an HTML fragment: every text in it escaped by the server, class names only, no style. */
  readonly html: string;
  readonly rendition: Pick<MinutesRendition, 'copy' | 'marking' | 'version'>;
}

/**
 * One of my copies, read in the browser under its marking and the line that says whose it is, with its
 * PDF and Word files to download. Opening it is a disclosure like a download: it is read once when the
 * screen opens, and let go of when the screen is left.
 */
export function MinutesCopyRoute() {
  const { copyId = '' } = useParams();
  return <Copy key={copyId} copyId={copyId} />;
}

function Copy({ copyId }: { copyId: string }) {
  useScreenTitle('Your copy of the minutes');
  const { api } = useSession();
  const opened = useQuery({
    queryKey: ['minutes', 'copy', copyId],
    queryFn: () => api.get<OpenedCopy>(`/api/me/minutes/${copyId}`),
    staleTime: Infinity,
    gcTime: 0,
  });
  const isStale = opened.error instanceof ApiError && opened.error.status === 409;

  if (opened.error)
    return (
      <section className="card">
        <h1 tabIndex={-1}>Your copy of the minutes</h1>
        <p className="error" role="alert">
          {errorMessage(opened.error)}
        </p>
        <p>
          {isStale ? 'Ask for a fresh copy in My minutes. ' : ''}
          <Link to="/minutes">Back to My minutes</Link>
        </p>
      </section>
    );
  if (!opened.data) return <p role="status">Opening your copy…</p>;
  const { copy, marking, version } = opened.data.rendition;

  return (
    <>
      <h1 tabIndex={-1}>
        Your copy of the minutes: copy {copy.number}, version {version}
      </h1>
      <p>
        <Link to="/minutes">Back to My minutes</Link>
      </p>
      <div className="minutes-banner" role="note" aria-label="Marking of this copy">
        <p className="minutes-banner-classification">{marking.classification}</p>
        <p className="minutes-banner-owner">
          Copy {copy.number} issued to {copy.recipientName} ({copy.recipientAgencyName}) on {formatDateTime(copy.issuedAt)}
        </p>
        <p className="minutes-banner-handling">{marking.handling}</p>
      </div>
      <CopyDownloads copyId={copyId} number={copy.number} />
      {/* The server escapes every text of the fragment; the page's CSP refuses any style or script inside it. */}
      <div className="minutes-view" data-testid="minutes-copy" dangerouslySetInnerHTML={{ __html: opened.data.html }} />
    </>
  );
}
