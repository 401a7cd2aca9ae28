import { useState } from 'react';
import { misconductRecordings, type MisconductRecording } from '@caseroom/contracts';
import { errorMessage, useApiMutation } from '../../lib/query';
import { wordsFor } from '../../lib/words';

/**
 * How professional standards recorded the allegation (a complaint, a conduct matter, or neither), set by
 * PSD of the suspect's force on the case's standards record; anyone else reads it.
 */
export function RecordedAs({
  caseId,
  reference,
  recordedAs,
  canRecord,
}: {
  caseId: string;
  reference: string;
  recordedAs: MisconductRecording | null;
  canRecord: boolean;
}) {
  const [choice, setChoice] = useState<string>(recordedAs ?? '');
  const save = useApiMutation<{ recordedAs: MisconductRecording | null }>('PATCH', `/api/cases/${caseId}/compartments/standards/fields`, [
    ['reports', 'ppda-audit'],
  ]);
  if (!canRecord) return <>{wordsFor(recordedAs ?? 'unrecorded')}</>;
  const id = `recorded-as-${caseId}`;
  return (
    <form
      className="inline-form recorded-as"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ recordedAs: choice === '' ? null : (choice as MisconductRecording) });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        How {reference} is recorded
      </label>
      <select id={id} value={choice} onChange={(event) => setChoice(event.target.value)}>
        <option value="">{wordsFor('unrecorded')}</option>
        {misconductRecordings.map((recording) => (
          <option key={recording} value={recording}>
            {wordsFor(recording)}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary" disabled={save.isPending || choice === (recordedAs ?? '')}>
        Save<span className="visually-hidden"> how {reference} is recorded</span>
      </button>
      {save.error && (
        <span role="alert" className="error">
          {errorMessage(save.error)}
        </span>
      )}
    </form>
  );
}
