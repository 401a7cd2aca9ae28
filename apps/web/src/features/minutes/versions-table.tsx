import type { MinutesVersionView } from '@caseroom/contracts';
import { formatDateTime } from '../../lib/words';

/** The approved versions, oldest first: who approved each and when, and why a later one corrects it. */
export function VersionsTable({ versions }: { versions: readonly MinutesVersionView[] }) {
  if (versions.length === 0) return <p>No version is approved yet.</p>;
  return (
    <div className="table-scroll">
      <table className="minutes-versions">
        <caption>Approved versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Approved by</th>
            <th scope="col">When</th>
            <th scope="col">Correction reason</th>
            <th scope="col">Distributed</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.minutesId}>
              <th scope="row">Version {version.version}</th>
              <td>{version.approvedByName}</td>
              <td>
                <time dateTime={version.approvedAt}>{formatDateTime(version.approvedAt)}</time>
              </td>
              <td>{version.correctionReason ?? <span className="muted">First version</span>}</td>
              <td>
                {version.distributedAt ? (
                  <time dateTime={version.distributedAt}>{formatDateTime(version.distributedAt)}</time>
                ) : (
                  <span className="muted">Not yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
