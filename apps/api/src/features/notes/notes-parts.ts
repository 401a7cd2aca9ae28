import { DomainError } from '@caseroom/domain';
import type { ClientPayload } from '@caseroom/contracts';

/** What one socket may have on its way in parts: one message at a time, of at most this size. */
export const notesPartLimits = { maxMessageBytes: 16 * 1024 * 1024, idleMs: 30_000 } as const;

interface Assembly {
  readonly id: string;
  readonly count: number;
  readonly caseId: string;
  readonly compartment: string;
  readonly epoch: number | null;
  readonly parts: (Uint8Array | undefined)[];
  received: number;
  bytes: number;
  touchedAt: number;
}

const refused = (message: string) => new DomainError('VALIDATION_FAILED', message);

/**
 * Puts together notes messages sent in parts, per socket: a client's resync is as large as what the
 * server lacks, which can be more than one frame may carry. One message at a time per socket (a new
 * one replaces one left unfinished), bounded in size, forgotten when left idle.
 */
export class NotesParts {
  private readonly bySocket = new WeakMap<object, Assembly>();

  /** The whole message once its last part is in; null while parts are missing. */
  add(socket: object, payload: ClientPayload<'notes.sync'>, now: number): Uint8Array | null {
    const part = payload.part!;
    let assembly = this.bySocket.get(socket);
    if (!assembly || assembly.id !== part.id || now - assembly.touchedAt > notesPartLimits.idleMs) {
      assembly = {
        id: part.id,
        count: part.count,
        caseId: payload.caseId,
        compartment: payload.compartment,
        epoch: payload.epoch,
        parts: Array.from({ length: part.count }, () => undefined),
        received: 0,
        bytes: 0,
        touchedAt: now,
      };
      this.bySocket.set(socket, assembly);
    }
    if (
      assembly.count !== part.count ||
      assembly.caseId !== payload.caseId ||
      assembly.compartment !== payload.compartment ||
      assembly.epoch !== payload.epoch
    ) {
      this.bySocket.delete(socket);
      throw refused('The parts of a notes message do not belong together.');
    }
    const previous = assembly.parts[part.index];
    assembly.bytes += payload.message.byteLength - (previous?.byteLength ?? 0);
    if (assembly.bytes > notesPartLimits.maxMessageBytes) {
      this.bySocket.delete(socket);
      throw refused(`A notes message may be at most ${notesPartLimits.maxMessageBytes / (1024 * 1024)} MB.`);
    }
    if (!previous) assembly.received += 1;
    assembly.parts[part.index] = payload.message;
    assembly.touchedAt = now;
    if (assembly.received < assembly.count) return null;
    this.bySocket.delete(socket);
    return Buffer.concat(assembly.parts as Uint8Array[]);
  }
}
