import { useId, useState, type FormEvent } from 'react';
import { actionStatuses, type ActionStatus, type ActionView, type ReportOnActionBody } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';

/** The owning agency (or the chair) says where an action has got to. */
export function ActionReport({
  caseId,
  action,
  onReported,
}: {
  caseId: string;
  action: ActionView;
  onReported: (action: ActionView) => void;
}) {
  const { api } = useSession();
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [status, setStatus] = useState<ActionStatus>(action.status === 'open' ? 'done' : action.status);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: ReportOnActionBody = { status, note };
    try {
      onReported(await api.post<ActionView>(`/api/cases/${caseId}/actions/${action.id}/reports`, body));
      setOpen(false);
      setNote('');
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The report could not be recorded.');
    }
  };

  if (!isOpen)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)} aria-label={`Report on: ${action.text}`}>
        Report
      </button>
    );
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Report on: ${action.text}`}>
      <label htmlFor={`${id}-status`}>Status</label>
      <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value as ActionStatus)}>
        {actionStatuses.map((option) => (
          <option key={option} value={option}>
            {wordsFor(option)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>Note</label>
      <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} required maxLength={2000} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit">Report</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
