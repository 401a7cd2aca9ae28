import { Component, type ReactNode } from 'react';

/**
 * What a screen shows if it fails to render, or if its code cannot be fetched (the live room's code is
 * fetched on first use; after an update of Caseroom the old file is gone). The rest of the page, the
 * navigation included, stays usable. Nothing of the error is shown or kept: it could quote case content.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section role="alert" aria-labelledby="screen-failed">
        <h1 id="screen-failed">This screen could not be shown</h1>
        <p>Caseroom may have been updated since this page was opened. Reload the page to continue; you will be asked to sign in again.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </section>
    );
  }
}
