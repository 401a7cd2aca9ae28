import { useState } from 'react';
import type { MinutesFormat } from '@caseroom/contracts';
import { errorMessage } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { saveFile } from './minutes-data';

const formats: readonly Exclude<MinutesFormat, 'html'>[] = ['pdf', 'docx'];

/**
 * My copy as a file, PDF or Word: fetched with my session's token into memory, then handed to the
 * browser to save. Each download is a disclosure the server records; a copy I may no longer receive is
 * refused with a message that says so.
 */
export function CopyDownloads({ copyId, number }: { copyId: string; number: number }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<MinutesFormat | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; isError: boolean } | null>(null);

  const download = async (format: MinutesFormat) => {
    setBusy(format);
    setOutcome(null);
    try {
      const file = await api.download(`/api/me/minutes/${copyId}/file?format=${format}`);
      const fileName = file.fileName ?? `minutes-copy-${number}.${format}`;
      saveFile(file.blob, fileName);
      setOutcome({ text: `Downloaded ${fileName}.`, isError: false });
    } catch (error) {
      setOutcome({ text: errorMessage(error), isError: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="minutes-downloads">
      <div className="actions tight">
        {formats.map((format) => (
          <button key={format} type="button" className="secondary" disabled={busy !== null} onClick={() => void download(format)}>
            Download {wordsFor(format)}
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
