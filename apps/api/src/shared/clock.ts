import type { Clock } from '@caseroom/domain';

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
