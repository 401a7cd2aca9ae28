import fc from 'fast-check';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwareness, encodeAwareness, stampAwarenessState } from './awareness';

const sender = { id: '6b1f0c52-1d36-4f3e-9d43-0f0b7b0e4a11', name: 'Alex Idva' };

describe('awareness updates', () => {
  it('reads what y-protocols writes, and y-protocols reads what is written back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (extra, name) => {
        const browser = new Awareness(new Y.Doc());
        browser.setLocalState({ user: { name, color: '#12ab34' }, typingAt: 3, extra });
        const [entry] = decodeAwareness(encodeAwarenessUpdate(browser, [browser.clientID]));
        expect(entry.clientId).toBe(browser.clientID);
        const relayed = encodeAwareness([{ ...entry, state: stampAwarenessState(entry.state, sender) }]);
        const receiver = new Awareness(new Y.Doc());
        applyAwarenessUpdate(receiver, relayed, 'server');
        expect(receiver.getStates().get(browser.clientID)).toEqual({ user: { ...sender, color: '#12ab34' }, typingAt: 3 });
        browser.destroy();
        receiver.destroy();
      }),
    );
  });

  it('keeps a colour only when it is a plain hex colour, and a caret only when both ends are positions', () => {
    const claimed = {
      user: { name: 'Someone else', color: 'red; background: url(https://example.invalid/)' },
      cursor: { anchor: {}, head: 'x' },
    };
    expect(stampAwarenessState(claimed, sender)).toEqual({ user: sender });
    expect(stampAwarenessState({ cursor: null, typingAt: Number.NaN }, sender)).toEqual({ user: sender, cursor: null });
    expect(stampAwarenessState({ cursor: { anchor: { assoc: 0, extra: 1 }, head: { assoc: 0 } } }, sender)).toEqual({ user: sender });
    expect(stampAwarenessState(null, sender)).toBeNull();
  });

  it('keeps a caret as y-prosemirror sends it: relative positions whose unset parts are null', () => {
    const doc = new Y.Doc();
    const text = doc.getXmlFragment('prosemirror');
    text.insert(0, [new Y.XmlText('Safe contact only')]);
    const browser = new Awareness(doc);
    const anchor = Y.createRelativePositionFromTypeIndex(text, 0);
    const head = Y.createRelativePositionFromTypeIndex(text, 1);
    browser.setLocalStateField('cursor', { anchor, head });
    const [entry] = decodeAwareness(encodeAwarenessUpdate(browser, [browser.clientID]));
    expect(Object.values((entry.state as { cursor: { head: object } }).cursor.head)).toContain(null);
    const stamped = stampAwarenessState(entry.state, sender);
    expect(stamped?.cursor).toEqual(JSON.parse(JSON.stringify({ anchor, head })));
    expect(Y.compareRelativePositions(Y.createRelativePositionFromJSON(stamped!.cursor!.anchor), anchor)).toBe(true);
    browser.destroy();
  });

  it('refuses what is not an awareness update a client would send', () => {
    const many = Array.from({ length: 9 }, (_, clientId) => ({ clientId, clock: 1, state: null }));
    expect(() => decodeAwareness(encodeAwareness(many))).toThrow('too many');
    expect(() => decodeAwareness(new Uint8Array([1, 1, 1]))).toThrow();
    expect(() => decodeAwareness(Buffer.concat([encodeAwareness([{ clientId: 1, clock: 1, state: null }]), Buffer.from([0])]))).toThrow(
      'trailing',
    );
    expect(() => decodeAwareness(encodeAwareness([{ clientId: 1, clock: 1, state: [1] as never }]))).toThrow('not an object');
  });
});
