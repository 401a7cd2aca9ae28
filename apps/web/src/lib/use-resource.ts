import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api-client';

export interface Resource<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly isLoading: boolean;
  reload(): void;
  set(update: (current: T | null) => T | null): void;
}

/** Loads something once (and again on `reload`); the error is the API's own, safe-to-show message. */
export function useResource<T>(load: (() => Promise<T>) | null, dependencies: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(load !== null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!load) return;
    let isCurrent = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!isCurrent) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!isCurrent) return;
        setError(caught instanceof ApiError ? caught.message : 'Caseroom could not be reached.');
        setLoading(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [...dependencies, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, isLoading, reload, set: setData };
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

/** `remove_from_public_protection` → "Remove from public protection". */
export function humanise(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
