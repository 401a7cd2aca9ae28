import { parentPort } from 'node:worker_threads';
import type { MinutesFormat } from '@caseroom/contracts';
import { renderMinutesCopy, type MinutesRenderJob } from './render-minutes-copy';

/** A thread of MinutesRenderer: renders the copies it is sent, one at a time, and sends the files back. */
export interface RenderRequest {
  readonly id: number;
  readonly job: MinutesRenderJob;
}
export type RenderResponse =
  { readonly id: number; readonly files: Partial<Record<MinutesFormat, Uint8Array>> } | { readonly id: number; readonly error: string };

const port = parentPort;
port?.on('message', (request: RenderRequest) => {
  renderMinutesCopy(request.job).then(
    (rendered) => {
      // Each file in memory of its own, so that the memory moves to the other thread rather than being copied.
      const files = Object.fromEntries(Object.entries(rendered).map(([format, bytes]) => [format, new Uint8Array(bytes)]));
      const response: RenderResponse = { id: request.id, files };
      port.postMessage(
        response,
        Object.values(files).map((bytes) => bytes.buffer),
      );
    },
    (error: unknown) => {
      const response: RenderResponse = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    },
  );
});
