import fc from 'fast-check';
import { isSecondFactorFresh } from './identity';

describe('a second factor fresh enough for step-up', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('is one proven within the allowed age, and not one proven before it', () => {
    expect(isSecondFactorFresh({ method: 'totp', at: ago(900) }, now, 900)).toBe(true);
    expect(isSecondFactorFresh({ method: 'totp', at: ago(901) }, now, 900)).toBe(false);
    expect(isSecondFactorFresh({ method: 'oidc', at: ago(60) }, now, 900)).toBe(true);
  });

  it('is never a session without one, or without its time', () => {
    expect(isSecondFactorFresh({ method: null, at: null }, now, 900)).toBe(false);
    expect(isSecondFactorFresh({ method: null, at: ago(1) }, now, 900)).toBe(false);
    expect(isSecondFactorFresh({ method: 'recovery_code', at: null }, now, 900)).toBe(false);
  });

  it('is a demo session always (demo mode only: it has no authenticator to prove again)', () => {
    expect(isSecondFactorFresh({ method: 'demo_bypass', at: null }, now, 60)).toBe(true);
  });

  it('agrees with the age for any time and limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 60, max: 3600 }), (age, limit) => {
        expect(isSecondFactorFresh({ method: 'totp', at: ago(age) }, now, limit)).toBe(age <= limit);
      }),
    );
  });
});
