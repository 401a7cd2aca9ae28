import { EventRateLimiter } from './event-rate-limiter';

describe('the live event rate limiter', () => {
  it('allows a burst, refuses a flood, and refills with time', () => {
    const limiter = new EventRateLimiter({ perSecond: 10, burst: 3 });
    const taken = [0, 0, 0, 0].map(() => limiter.take('a', 1_000));
    expect(taken).toEqual([true, true, true, false]);
    expect(limiter.take('b', 1_000)).toBe(true);
    expect(limiter.take('a', 1_100)).toBe(true);
    expect(limiter.take('a', 1_100)).toBe(false);
  });

  it('forgets people whose bucket has filled again, and only them', () => {
    const limiter = new EventRateLimiter({ perSecond: 10, burst: 3 });
    for (let person = 0; person < 1_000; person += 1) limiter.take(`person-${person}`, 0);
    expect(limiter.size).toBe(1_000);
    // A minute on, one person is active: the rest have refilled long ago and are dropped.
    limiter.take('busy', 59_999);
    limiter.take('person-0', 60_000);
    expect(limiter.size).toBe(2);
    // The busy person's bucket was not forgotten: it still holds what they spent.
    expect([0, 0, 0].map(() => limiter.take('busy', 60_000))).toEqual([true, true, false]);
  });
});
