import { Decoder, Encoder } from '@msgpack/msgpack';
import { Emitter } from '@socket.io/component-emitter';

/** The socket.io packet types a MessagePack frame may carry (socket.io protocol 5, without the binary variants). */
const packetTypes = { connect: 0, disconnect: 1, event: 2, ack: 3, connectError: 4 } as const;

interface Packet {
  readonly type: number;
  readonly nsp: string;
  readonly id?: number;
  readonly data?: unknown;
}

/**
 * Event names socket.io itself emits on a socket. An event by one of these names from the other end
 * would reach the listeners for the real thing (a forged `disconnect`, say), so no packet may carry one.
 */
const reservedEvents = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/** Far above any list Caseroom sends; stops a small frame from declaring a vast array or map. */
const limits = { maxArrayLength: 100_000, maxMapLength: 10_000 } as const;

/**
 * One encoder and one decoder for every packet: `encode` and `decode` would build a new one (and a 2 KB
 * buffer) per packet. Each returns a fresh copy or the decoded values; a nested call clones its own.
 */
const encoder = new Encoder({ ignoreUndefined: true });
const decoder = new Decoder(limits);

class LiveEncoder {
  encode(packet: Packet): Uint8Array[] {
    return [encoder.encode(packet)];
  }
}

class LiveDecoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (packet: Packet) => void }> {
  add(frame: unknown): void {
    if (!(frame instanceof ArrayBuffer || ArrayBuffer.isView(frame))) throw new Error('the live channel carries binary frames only');
    const packet = decoder.decode(frame);
    if (!isPacket(packet)) throw new Error('not a live channel packet');
    this.emitReserved('decoded', packet);
  }

  destroy(): void {
    this.off();
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

function isPacket(value: unknown): value is Packet {
  if (!isObject(value)) return false;
  const { type, nsp, id, data } = value;
  if (typeof nsp !== 'string') return false;
  if (id !== undefined && !(Number.isSafeInteger(id) && (id as number) >= 0)) return false;
  switch (type) {
    case packetTypes.connect:
      return data === undefined || isObject(data);
    case packetTypes.disconnect:
      return data === undefined;
    case packetTypes.connectError:
      return typeof data === 'string' || isObject(data);
    case packetTypes.event:
      return Array.isArray(data) && typeof data[0] === 'string' && !reservedEvents.has(data[0]);
    case packetTypes.ack:
      return Array.isArray(data) && id !== undefined;
    default:
      return false;
  }
}

/**
 * The live channel's wire format, the same for the server and every client: each socket.io packet is
 * one MessagePack-encoded WebSocket frame, binary values (every notes message) included. socket.io's
 * default parser sends an event that carries binary as two frames, a JSON header and the attachment.
 * See docs/decisions/0012.
 */
export const liveParser = { protocol: 5, Encoder: LiveEncoder, Decoder: LiveDecoder } as const;
