import { rooms } from './rooms';

describe('room kinds', () => {
  it('names the kind of every room the server makes, and counts anything else as a socket of its own', () => {
    const caseId = '0b7d1c4e-1111-4222-8333-944445555666';
    expect(rooms.kindOf(rooms.conference(caseId))).toBe('conference');
    expect(rooms.kindOf(rooms.compartment(caseId, 'victim'))).toBe('compartment');
    expect(rooms.kindOf(rooms.person(caseId))).toBe('person');
    expect(rooms.kindOf(rooms.session(caseId))).toBe('session');
    expect(rooms.kindOf('Zx3_kQ-socket-id')).toBe('socket');
    // A prefix that is a property of every object is still not a kind.
    expect(rooms.kindOf('constructor:x')).toBe('socket');
    expect(rooms.kindOf('__proto__:x')).toBe('socket');
    expect(rooms.kinds).toEqual(['conference', 'compartment', 'person', 'session', 'socket']);
  });
});
