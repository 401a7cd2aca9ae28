import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConferenceMinutesView } from '@caseroom/contracts';
import type { ApiClient } from '../../lib/api-client';
import { useSession } from '../../session';

/** The minutes of one conference as its organisers work on them. */
export const conferenceMinutesKey = (conferenceId: string) => ['conference', conferenceId, 'minutes'] as const;

/** The signed-in person's own copies. */
export const myMinutesKey = ['minutes', 'mine'] as const;

/**
 * A change an organiser makes to the minutes (start, save, approve, distribute, withdraw, reissue): each
 * answers with the minutes as they now stand, which the screen shows without asking again.
 */
export function useMinutesChange(conferenceId: string) {
  const { api } = useSession();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (send: (api: ApiClient) => Promise<ConferenceMinutesView>) => send(api),
    onSuccess: (view) => queries.setQueryData(conferenceMinutesKey(conferenceId), view),
  });
}

/** Hands a file held in memory to the browser as a download, through an object URL that is let go of afterwards. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the object URL once the click is handled; the file is then let go of.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
