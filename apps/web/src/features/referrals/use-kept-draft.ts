import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReferralDraftView } from '@caseroom/contracts';
import { ApiError } from '../../lib/api-client';
import { useSession } from '../../session';
import { toDraft, type ReferralForm } from './referral-values';

/** How long after the last change a referral is saved by itself. */
export const autosaveAfterMs = 20_000;

export interface KeptDraft {
  readonly id: string | null;
  readonly savedAt: string | null;
  readonly isAutomatic: boolean;
  readonly failure: string | null;
}

/**
 * Keeps the referral as a draft on the server as it is written: when the referrer asks, and by itself a
 * while after they stop typing. Saves go one after another, so a first save creates one draft only.
 * `stop` ends the saving before the referral is submitted or the draft deleted.
 */
export function useKeptDraft(form: ReferralForm, draft: ReferralDraftView | null) {
  const { api } = useSession();
  const draftId = useRef(draft?.id ?? null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const isStopped = useRef(false);
  const [kept, setKept] = useState<KeptDraft>({
    id: draft?.id ?? null,
    savedAt: draft?.updatedAt ?? null,
    isAutomatic: false,
    failure: null,
  });

  const save = useCallback(
    (isAutomatic: boolean): Promise<boolean> => {
      const run = queue.current.then(async () => {
        if (isStopped.current) return false;
        const content = toDraft(form.getValues());
        try {
          const saved = draftId.current
            ? await api.patch<ReferralDraftView>(`/api/referrals/drafts/${draftId.current}`, content)
            : await api.post<ReferralDraftView>('/api/referrals/drafts', content);
          draftId.current = saved.id;
          setKept({ id: saved.id, savedAt: saved.updatedAt, isAutomatic, failure: null });
          return true;
        } catch (error) {
          const failure = `The draft was not saved: ${error instanceof ApiError ? error.message : 'Caseroom could not be reached.'}`;
          setKept((current) => ({ ...current, failure }));
          return false;
        }
      });
      queue.current = run.catch(() => undefined);
      return run;
    },
    [api, form],
  );

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = form.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void save(true), autosaveAfterMs);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
    };
  }, [form, save]);

  /** No more saving (a save under way is waited for); answers the draft's id, if there is one. */
  const stop = useCallback(async (): Promise<string | null> => {
    isStopped.current = true;
    await queue.current;
    return draftId.current;
  }, []);
  const resume = useCallback(() => {
    isStopped.current = false;
  }, []);

  return { ...kept, save, stop, resume };
}
