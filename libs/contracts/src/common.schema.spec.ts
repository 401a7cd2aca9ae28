import { choiceOf, isoDate, uuid } from './common.schema';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('the shared field schemas', () => {
  it('call a missing or empty id, date or choice required, and a malformed one by what it must be', () => {
    for (const missing of [undefined, null, '']) {
      expect(messageOf(uuid.safeParse(missing))).toBe('is required');
      expect(messageOf(isoDate.safeParse(missing))).toBe('is required');
      expect(messageOf(choiceOf(['team', 'unit']).safeParse(missing))).toBe('is required');
    }
    expect(messageOf(uuid.safeParse('not-an-id'))).toBe('must be a UUID');
    expect(messageOf(isoDate.safeParse('1/9/2019'))).toBe('must be a date as YYYY-MM-DD');
    expect(messageOf(choiceOf(['team', 'unit']).safeParse('squad'))).toContain('"team"|"unit"');
  });
});
