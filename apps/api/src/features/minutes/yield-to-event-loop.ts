import { setImmediate } from 'node:timers/promises';

/** Lets timers and sockets waiting on the event loop run before long work goes on. */
export async function yieldToEventLoop(): Promise<void> {
  await setImmediate();
}
