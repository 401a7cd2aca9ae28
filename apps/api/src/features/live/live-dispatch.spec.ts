import { EventEmitter } from 'node:events';
import { clientEvents, type Ack, type ClientEvent } from '@caseroom/contracts';
import { FrameGate, scoped } from '@caseroom/realtime';
import { LiveDispatch, type LiveHandlers } from './live-dispatch';
import type { LiveSocket } from './live-rooms';
import { Metrics } from '../../shared/metrics';

/** Stands in for a socket.io socket's `onAny`: the listener is called with the socket as `this`, as socket.io does. */
class FakeSocket extends EventEmitter {
  readonly connected = true;
  private readonly any: ((...args: unknown[]) => void)[] = [];
  onAny(listener: (...args: unknown[]) => void): void {
    this.any.push(listener);
  }
  receive(...args: unknown[]): void {
    for (const listener of this.any) listener.apply(this, args);
  }
}

const answered = (socket: FakeSocket, event: unknown, ...args: unknown[]) =>
  new Promise<Ack>((resolve) => socket.receive(event, ...args, resolve));

const everyEvent = (handler: LiveHandlers[ClientEvent]): LiveHandlers =>
  Object.fromEntries(Object.keys(clientEvents).map((event) => [event, handler]));

describe('the live dispatch', () => {
  it('hands each event to its handler with the socket it came from, and answers with what the handler returns', async () => {
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    const seen: [unknown, unknown][] = [];
    dispatch.register({
      'conference.join': (socket, body) => {
        seen.push([socket, body]);
        return Promise.resolve({ ok: true, data: 'joined' });
      },
    });
    const [first, second] = [new FakeSocket(), new FakeSocket()];
    dispatch.attach(first as unknown as LiveSocket);
    dispatch.attach(second as unknown as LiveSocket);
    expect(await answered(second, 'conference.join', { conferenceId: 'c' })).toEqual({ ok: true, data: 'joined' });
    expect(seen).toEqual([[second, { conferenceId: 'c' }]]);
  });

  it('answers an event it has no handler for, and one whose handler fails, without saying more', async () => {
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    dispatch.register({ 'conference.join': () => Promise.reject(new Error('the database said something about a case')) });
    const socket = new FakeSocket();
    dispatch.attach(socket as unknown as LiveSocket);
    expect(await answered(socket, 'no.such.event', {})).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await answered(socket, '__proto__', {})).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const failed = await answered(socket, 'conference.join', {});
    expect(failed).toEqual({ ok: false, code: 'INTERNAL', message: 'Something went wrong on our side.' });
  });

  it('times each event under its own name and outcome, and one it does not know under unknown, never under the name sent', async () => {
    const metrics = new Metrics();
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), metrics);
    dispatch.register({
      'conference.join': () => Promise.resolve({ ok: true }),
      'conference.leave': () => Promise.resolve({ ok: false, code: 'FORBIDDEN', message: 'No.' }),
    });
    const socket = new FakeSocket();
    dispatch.attach(socket as unknown as LiveSocket);
    await answered(socket, 'conference.join', {});
    await answered(socket, 'conference.leave', {});
    await answered(socket, 'case-0b7d1c4e-made-up', {});
    const counts = (await metrics.liveEvents.get()).values
      .filter((sample) => sample.metricName === 'caseroom_live_event_duration_seconds_count')
      .map((sample) => [sample.labels.event, sample.labels.outcome, sample.value]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['conference.join', 'ok', 1],
        ['conference.leave', 'FORBIDDEN', 1],
        ['unknown', 'VALIDATION_FAILED', 1],
      ]),
    );
    expect(counts).toHaveLength(3);
  });

  it('handles an event sent without an acknowledgement, answering nobody', async () => {
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    const handled = new Promise<unknown>((resolve) =>
      dispatch.register({
        'conference.leave': (_socket, body) => {
          resolve(body);
          return Promise.resolve({ ok: true });
        },
      }),
    );
    const socket = new FakeSocket();
    dispatch.attach(socket as unknown as LiveSocket);
    socket.receive('conference.leave', { conferenceId: 'c' });
    socket.receive('no.such.event');
    expect(await handled).toEqual({ conferenceId: 'c' });
  });

  it('hands a handler no body when the client sent only an acknowledgement', async () => {
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    dispatch.register({ 'conference.leave': (_socket, body) => Promise.resolve({ ok: true, data: body === undefined }) });
    const socket = new FakeSocket();
    dispatch.attach(socket as unknown as LiveSocket);
    expect(await new Promise<Ack>((resolve) => socket.receive('conference.leave', resolve))).toEqual({ ok: true, data: true });
  });

  it('answers a read again when what it read went stale before it could be sent, and a write without its echo', async () => {
    const gate = new FrameGate(() => 'person');
    const dispatch = new LiveDispatch(gate, new Metrics());
    let reads = 0;
    dispatch.register({
      'conference.join': () => {
        reads += 1;
        const decidedAt = gate.epochOf(socket as unknown as LiveSocket);
        // The first two answers are overtaken by a revocation of the person before they are sent.
        if (reads <= 2) gate.revokePerson('person');
        return Promise.resolve(scoped({ ok: true, data: `read ${reads}` }, { kind: 'decided', at: decidedAt }));
      },
      'action.report': () => {
        const decidedAt = gate.epochOf(socket as unknown as LiveSocket);
        gate.revokeEveryone();
        return Promise.resolve(scoped({ ok: true, data: 'the action' }, { kind: 'decided', at: decidedAt }, { ok: true }));
      },
    });
    const socket = new FakeSocket();
    dispatch.attach(socket as unknown as LiveSocket);
    expect(await answered(socket, 'conference.join', {})).toEqual({ ok: true, data: 'read 3' });
    expect(await answered(socket, 'action.report', {})).toEqual({ ok: true });
  });

  it('stops answering a read again after three stale answers: the client is told to ask again', async () => {
    const gate = new FrameGate(() => 'person');
    const dispatch = new LiveDispatch(gate, new Metrics());
    const socket = new FakeSocket();
    dispatch.register({
      'conference.join': () => {
        const decidedAt = gate.epochOf(socket as unknown as LiveSocket);
        gate.revokeEveryone();
        return Promise.resolve(scoped({ ok: true, data: 'stale' }, { kind: 'decided', at: decidedAt }));
      },
    });
    dispatch.attach(socket as unknown as LiveSocket);
    expect(await answered(socket, 'conference.join', {})).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
  });

  it('refuses a second handler for an event, and starts only once every event in the contract has one', () => {
    const dispatch = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    const handler = () => Promise.resolve({ ok: true } as const);
    dispatch.register({ 'conference.join': handler });
    expect(() => dispatch.register({ 'conference.join': handler })).toThrow('the live event conference.join has two handlers');
    expect(() => dispatch.onApplicationBootstrap()).toThrow(/live events without a handler: conference\.acknowledge/);
    const complete = new LiveDispatch(new FrameGate(() => 'person'), new Metrics());
    complete.register(everyEvent(handler));
    expect(() => complete.onApplicationBootstrap()).not.toThrow();
  });
});
