import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MyMinutesCopyView } from '@caseroom/contracts';
import { errorMessage } from '../../lib/query';
import { useSession } from '../../session';
import { myMinutesKey } from './minutes-data';

/**
 * Asking for a fresh copy in place of one that holds something the policy no longer gives me: the new
 * copy is made with what I may receive today, and the old one is withdrawn.
 */
export function FreshCopy({
  copy,
  onIssued,
}: {
  copy: Pick<MyMinutesCopyView, 'copyId' | 'number'>;
  onIssued: (fresh: MyMinutesCopyView) => void;
}) {
  const { api } = useSession();
  const queries = useQueryClient();
  const fresh = useMutation({
    mutationFn: () => api.post<MyMinutesCopyView>(`/api/me/minutes/${copy.copyId}/fresh`),
    onSuccess: async (issued) => {
      onIssued(issued);
      await queries.invalidateQueries({ queryKey: myMinutesKey });
    },
  });
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-label={`Ask for a fresh copy in place of copy ${copy.number}`}
        disabled={fresh.isPending}
        onClick={() => fresh.mutate()}
      >
        Ask for a fresh copy
      </button>
      {fresh.error && (
        <p className="error" role="alert">
          {errorMessage(fresh.error)}
        </p>
      )}
    </>
  );
}
