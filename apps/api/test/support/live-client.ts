import { io, type Socket } from 'socket.io-client';
import { liveParser, type Ack } from '@caseroom/contracts';
import { testOrigin } from './test-origin';

/** A live-channel client that keeps every frame it receives, for assertions on what reached it. */
export class LiveClient {
  readonly frames: { event: string; payload: unknown; at: number }[] = [];
  readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.onAny((event: string, payload: unknown) => this.frames.push({ event, payload, at: Date.now() }));
  }

  static async connect(url: string, token: string | undefined, origin = testOrigin): Promise<LiveClient> {
    const socket = io(`${url}/live`, {
      transports: ['websocket'],
      parser: liveParser,
      auth: token === undefined ? {} : { token },
      extraHeaders: { Origin: origin },
      reconnection: false,
      forceNew: true,
    });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
        reject(Object.assign(new Error(error.data?.code ?? error.message), { code: error.data?.code })),
      );
    });
    return client;
  }

  emit<T = unknown>(event: string, payload: unknown): Promise<Ack<T>> {
    return (this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>).catch((error: Error) => {
      throw new Error(`${event}: ${error.message}`);
    });
  }

  of<T = unknown>(event: string): T[] {
    return this.frames.filter((frame) => frame.event === event).map((frame) => frame.payload as T);
  }

  /** Waits until a frame of this event arrives that satisfies the test. */
  async next<T = unknown>(event: string, test: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of<T>(event).find(test);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${event} frame arrived in ${timeoutMs} ms; got ${this.frames.map((frame) => frame.event).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Every frame as text, binary payloads (notes updates) decoded as UTF-8, for canary searches. */
  text(): string {
    return JSON.stringify(this.frames, (_key, value: unknown) => {
      if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
      if (value instanceof ArrayBuffer) return Buffer.from(value).toString('utf8');
      if (
        value &&
        typeof value === 'object' &&
        (value as { type?: unknown }).type === 'Buffer' &&
        Array.isArray((value as { data?: unknown }).data)
      )
        return Buffer.from((value as { data: number[] }).data).toString('utf8');
      return value;
    });
  }

  close(): void {
    this.socket.close();
  }
}
