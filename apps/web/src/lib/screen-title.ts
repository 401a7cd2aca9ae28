import { useEffect } from 'react';

/** Sets the document title and moves focus to the screen's heading, so that a screen reader hears the change. */
export function useScreenTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Caseroom`;
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus({ preventScroll: true });
  }, [title]);
}
