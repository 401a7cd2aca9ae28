import type { SteppedOutView } from '@caseroom/contracts';

/** All a stepped-out person learns: the item's position and that they are not part of it. */
export function SteppedOut({ view }: { view: SteppedOutView }) {
  return (
    <section className="card stepped-out" aria-live="polite" data-testid="stepped-out">
      <h2 className="visually-hidden">Current item</h2>
      <p>{view.message}</p>
    </section>
  );
}
