import { useState } from 'react';
import { errorMessage } from '../../lib/query';
import { useSession } from '../../session';
import { saveFile } from '../minutes/minutes-data';

/**
 * The report as a file: fetched with the session's token into memory, then handed to the browser to save.
 * The server decides what it holds as it decides the screen, and records the download.
 */
export function ReportDownloads({ path, params, formats }: { path: string; params: URLSearchParams; formats: readonly ('csv' | 'pdf')[] }) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; isError: boolean } | null>(null);

  const download = async (format: 'csv' | 'pdf') => {
    setBusy(true);
    setOutcome(null);
    try {
      const query = new URLSearchParams(params);
      query.set('format', format);
      const file = await api.download(`${path}?${query.toString()}`);
      const fileName = file.fileName ?? `report.${format}`;
      saveFile(file.blob, fileName);
      setOutcome({ text: `Downloaded ${fileName}.`, isError: false });
    } catch (error) {
      setOutcome({ text: errorMessage(error), isError: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-downloads">
      <div className="actions tight">
        {formats.map((format) => (
          <button key={format} type="button" className="secondary" disabled={busy} onClick={() => void download(format)}>
            Download {format === 'csv' ? 'CSV (spreadsheet)' : 'PDF'}
          </button>
        ))}
      </div>
      {outcome && (
        <p role={outcome.isError ? 'alert' : 'status'} className={outcome.isError ? 'error' : 'success'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
