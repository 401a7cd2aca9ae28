import { useState } from 'react';
import type { ResearchAgencyView, ResearchItemView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/words';
import { useSession } from '../../session';

/**
 * One agenda case: which agencies returned their research and which are outstanding, by name and date;
 * an outstanding agency can be sent a reminder (confirmed first: a notice, once sent, stays sent).
 */
export function ResearchItemTable({
  conferenceId,
  item,
  onChanged,
}: {
  conferenceId: string;
  item: ResearchItemView;
  onChanged: () => void;
}) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [result, setResult] = useState<{ text: string; isError: boolean } | null>(null);
  const returned = item.agencies.filter((agency) => agency.returnedAt !== null).length;

  const remind = async (agency: ResearchAgencyView) => {
    setConfirming(null);
    try {
      await api.post(`/api/conferences/${conferenceId}/research/${agency.requestId}/reminders`);
      setResult({ text: `Reminder sent to ${agency.agencyName}.`, isError: false });
      onChanged();
    } catch (error) {
      setResult({ text: error instanceof ApiError ? error.message : 'The reminder could not be sent.', isError: true });
    }
  };

  return (
    <section className="card" aria-labelledby={`item-${item.itemId}`}>
      <h2 id={`item-${item.itemId}`}>
        Item {item.position}: {item.reference}
      </h2>
      {item.agencies.length === 0 ? (
        <p>No research has been asked on this case yet.</p>
      ) : (
        <>
          <p>
            {returned} of {item.agencies.length} agencies returned their research.
          </p>
          <div className="table-scroll">
            <table data-testid={`research-${item.reference}`}>
              <caption className="visually-hidden">Research on {item.reference}, by agency</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">Asked on</th>
                  <th scope="col">Research</th>
                  <th scope="col">Last reminded</th>
                  <th scope="col">
                    <span className="visually-hidden">Reminder</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {item.agencies.map((agency) => (
                  <tr key={agency.requestId}>
                    <th scope="row">{agency.agencyName}</th>
                    <td>{formatDate(agency.requestedAt)}</td>
                    <td>
                      {agency.returnedAt ? (
                        <span className="badge returned">Returned on {formatDate(agency.returnedAt)}</span>
                      ) : (
                        <span className="badge outstanding">Outstanding</span>
                      )}
                    </td>
                    <td>{agency.lastRemindedAt ? formatDate(agency.lastRemindedAt) : 'Not reminded'}</td>
                    <td>
                      {!agency.returnedAt &&
                        (confirming === agency.requestId ? (
                          <div className="actions tight">
                            <button type="button" onClick={() => void remind(agency)}>
                              Confirm reminder to {agency.agencyName}
                            </button>
                            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                              Cancel
                            </button>
                          </div>
                        ) : (
                          <button
                            type="button"
                            className="secondary"
                            aria-label={`Send a reminder to ${agency.agencyName}`}
                            onClick={() => {
                              setResult(null);
                              setConfirming(agency.requestId);
                            }}
                          >
                            Send a reminder
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {result && (
        <p role={result.isError ? 'alert' : 'status'} className={result.isError ? 'error' : 'success'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
