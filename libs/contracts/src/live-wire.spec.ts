import { encode } from '@msgpack/msgpack';
import { liveParser } from './live-wire';

/** Encodes with the live encoder and decodes with a fresh live decoder, as the other end would. */
function roundTrip(packet: object): unknown {
  const frames = new liveParser.Encoder().encode(packet as never);
  expect(frames).toHaveLength(1);
  return decodeFrame(frames[0]);
}

function decodeFrame(frame: unknown): unknown {
  const decoder = new liveParser.Decoder();
  let decoded: unknown;
  decoder.on('decoded', (packet: unknown) => (decoded = packet));
  decoder.add(frame);
  return decoded;
}

describe('the live channel wire format', () => {
  it('carries an event with binary in one frame and gives the bytes back as a Uint8Array', () => {
    const message = new Uint8Array([0, 2, 3, 250, 255]);
    const decoded = roundTrip({ type: 2, nsp: '/live', id: 7, data: ['notes.sync', { caseId: 'c', epoch: null, message }] }) as {
      data: [string, { message: unknown; epoch: unknown }];
    };
    expect(decoded).toEqual({ type: 2, nsp: '/live', id: 7, data: ['notes.sync', { caseId: 'c', epoch: null, message }] });
    expect(decoded.data[1].message).toBeInstanceOf(Uint8Array);
  });

  it('leaves out absent fields instead of sending them as null', () => {
    expect(roundTrip({ type: 2, nsp: '/live', id: undefined, data: ['presence', {}] })).toEqual({
      type: 2,
      nsp: '/live',
      data: ['presence', {}],
    });
  });

  it('accepts the frame as an ArrayBuffer, as a browser hands it over', () => {
    const [frame] = new liveParser.Encoder().encode({ type: 3, nsp: '/live', id: 1, data: [{ ok: true }] });
    const buffer = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
    expect(decodeFrame(buffer)).toEqual({ type: 3, nsp: '/live', id: 1, data: [{ ok: true }] });
  });

  it('refuses text frames and anything that is not a well-formed packet', () => {
    const refused = [
      '42/live,["notes.sync",{}]',
      encode([2, '/live']),
      encode({ type: 9, nsp: '/live', data: [] }),
      encode({ type: 2, data: ['x'] }),
      encode({ type: 2, nsp: '/live', data: [42] }),
      encode({ type: 2, nsp: '/live', data: ['disconnect', 'forged'] }),
      encode({ type: 2, nsp: '/live', data: ['disconnecting'] }),
      encode({ type: 2, nsp: '/live', data: ['connect'] }),
      encode({ type: 2, nsp: '/live', data: ['newListener', 'x'] }),
      encode({ type: 2, nsp: '/live', id: -1, data: ['x'] }),
      encode({ type: 2, nsp: '/live', id: 1.5, data: ['x'] }),
      encode({ type: 3, nsp: '/live', data: [{ ok: true }] }),
      encode({ type: 1, nsp: '/live', data: 'bye' }),
      new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]),
      new Uint8Array([0x81, 0xa9, ...Buffer.from('__proto__'), 0xc0]),
      new Uint8Array([0xc1]),
    ];
    for (const frame of refused) expect(() => decodeFrame(frame)).toThrow();
  });
});
