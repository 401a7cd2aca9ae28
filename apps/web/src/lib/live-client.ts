import { io, type Socket } from 'socket.io-client';
import { liveParser, type Ack, type ClientEvent, type ClientPayload, type ServerEvents } from '@caseroom/contracts';
import type { ApiClient } from './api-client';
import { NotesOpenings } from './notes-openings';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * The live channel (socket.io, namespace /live, WebSocket only). The access token goes in the handshake,
 * read from the API client's memory at every (re)connection; the server re-asks the policy each time, so
 * whoever uses this client joins again on every `connected`.
 */
export class LiveClient {
  private readonly socket: Socket;
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private current: LiveStatus = 'connecting';
  /** Notes the server sends with their room, kept until a provider takes them. */
  readonly openings = new NotesOpenings();

  constructor(private readonly api: ApiClient) {
    this.socket = io('/live', {
      transports: ['websocket'],
      parser: liveParser,
      autoConnect: false,
      reconnectionDelayMax: 5_000,
      auth: (answer) => answer({ token: api.accessToken ?? '' }),
    });
    this.socket.on('connect', () => this.setStatus('connected'));
    // Registered before anything on the page listens: the notes that come with a room are kept from the first frame.
    this.socket.on('agenda.current', (view: ServerEvents['agenda.current']) => this.openings.current(view));
    this.socket.on('notes.opened', (event: ServerEvents['notes.opened']) => this.openings.opened(event));
    this.socket.on('notes.sync', (event: ServerEvents['notes.sync']) => this.openings.relayed(event));
    this.socket.on('notes.reset', (event: ServerEvents['notes.reset']) => this.openings.reset(event));
    this.socket.on('case.drop', ({ caseId }: ServerEvents['case.drop']) => this.openings.dropCase(caseId));
    this.socket.on('disconnect', (reason) => {
      this.openings.disconnected();
      this.setStatus('disconnected');
      // The server closes a socket whose token expired: reconnect with a fresh one.
      if (reason === 'io server disconnect') void this.reconnectWithFreshToken();
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.setStatus('disconnected');
      if (error.data?.code === 'UNAUTHENTICATED') void this.reconnectWithFreshToken();
      if (error.data?.code === 'SESSION_REVOKED') api.forget();
      // The instance cannot reach the others for a moment: try again shortly.
      if (error.data?.code === 'SERVICE_UNAVAILABLE') setTimeout(() => this.socket.connect(), 2_000);
    });
    this.socket.on('session.ended', ({ reason }: ServerEvents['session.ended']) => {
      if (reason === 'revoked') api.forget();
    });
  }

  get status(): LiveStatus {
    return this.current;
  }

  connect(): void {
    this.setStatus('connecting');
    this.socket.connect();
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.close();
  }

  emit<T = unknown, E extends ClientEvent = ClientEvent>(event: E, payload: ClientPayload<E>): Promise<Ack<T>> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, code: 'DISCONNECTED', message: 'Not connected: trying again.' });
    return (this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>).catch(() => ({
      ok: false as const,
      code: 'TIMEOUT',
      message: 'No answer from the server in time.',
    }));
  }

  /**
   * Sends an event without asking for an answer: for what matters only while it is fresh and goes again
   * with the next change anyway (a caret), so that the server writes nothing back for it. Dropped while
   * disconnected, not queued for the next connection.
   */
  send<E extends ClientEvent>(event: E, payload: ClientPayload<E>): void {
    if (this.socket.connected) this.socket.emit(event, payload);
  }

  on<E extends keyof ServerEvents>(event: E, listener: (payload: ServerEvents[E]) => void): () => void {
    const name: string = event;
    const handler = (payload: ServerEvents[E]) => listener(payload);
    this.socket.on(name, handler);
    return () => void this.socket.off(name, handler);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private async reconnectWithFreshToken(): Promise<void> {
    if (await this.api.refresh()) this.socket.connect();
  }

  private setStatus(status: LiveStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
