import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AgendaDirection, InvitationsView } from '@caseroom/contracts';
import { errorMessage } from '../../lib/query';
import { useSession } from '../../session';

/** What a conference's organiser changes while preparing it; after each change the conference is read again. */
export interface Preparation {
  readonly isBusy: boolean;
  /** Why the last change was refused (the API's own message), or null. */
  readonly problem: string | null;
  addCase(caseId: string): Promise<unknown>;
  removeItem(itemId: string): Promise<unknown>;
  move(itemId: string, direction: AgendaDirection): Promise<unknown>;
  circulate(): Promise<unknown>;
  invite(invitees: { userIds?: string[]; agencyIds?: string[] }): Promise<InvitationsView | null>;
  withdraw(userId: string): Promise<unknown>;
}

export function usePreparation(conferenceId: string): Preparation {
  const { api } = useSession();
  const queries = useQueryClient();
  const change = useMutation({
    mutationFn: (send: () => Promise<unknown>) => send(),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['conference', conferenceId] }),
        queries.invalidateQueries({ queryKey: ['conferences'] }),
      ]),
  });
  const run = (send: () => Promise<unknown>) => change.mutateAsync(send).catch(() => null);
  const base = `/api/conferences/${conferenceId}`;
  return {
    isBusy: change.isPending,
    problem: change.error ? errorMessage(change.error) : null,
    addCase: (caseId) => run(() => api.post(`${base}/agenda`, { caseId })),
    removeItem: (itemId) => run(() => api.delete(`${base}/agenda/${itemId}`)),
    move: (itemId, direction) => run(() => api.post(`${base}/agenda/${itemId}/move`, { direction })),
    circulate: () => run(() => api.post(`${base}/agenda/circulation`)),
    invite: async (invitees) => (await run(() => api.post<InvitationsView>(`${base}/invitations`, invitees))) as InvitationsView | null,
    withdraw: (userId) => run(() => api.delete(`${base}/invitations/${userId}`)),
  };
}
