import { redisSkipReason, testServices } from './environment';

/** `describe` when Redis is available, otherwise a skipped block that says why. */
export const describeWithRedis: jest.Describe = testServices.redisUrl ? describe : skipWithReason(redisSkipReason);

function skipWithReason(reason: string): jest.Describe {
  const skipped = ((name: string, body: () => void) => describe.skip(`${name} [skipped: ${reason}]`, body)) as unknown as jest.Describe;
  return skipped;
}
