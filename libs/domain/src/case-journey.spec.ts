import fc from 'fast-check';
import { caseStatusAfter, caseStepKinds, type CaseStep } from './case-journey';
import { caseStatuses, type CaseStatus } from './cases';
import { DomainError } from './errors';

const step = (kind: CaseStep['kind'], openActions = 0): CaseStep =>
  kind === 'hear' || kind === 'close' ? { kind, openActions } : { kind };

const anyStep = fc
  .tuple(fc.constantFrom(...caseStepKinds), fc.integer({ min: 0, max: 5 }))
  .map(([kind, openActions]) => step(kind, openActions));

/** Applies the steps in turn, skipping those refused; answers every status the case passed through. */
function journey(steps: readonly CaseStep[]): CaseStatus[] {
  const passed: CaseStatus[] = ['referred'];
  for (const next of steps) {
    try {
      passed.push(caseStatusAfter(passed[passed.length - 1], next));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return passed;
}

describe('the way of a case from referral to closure', () => {
  it('is accepted, listed, heard with actions open, and closed when none is open', () => {
    expect(caseStatusAfter('referred', step('accept'))).toBe('accepted');
    expect(caseStatusAfter('accepted', step('list'))).toBe('listed');
    expect(caseStatusAfter('listed', step('hear', 2))).toBe('actions_open');
    expect(caseStatusAfter('listed', step('hear', 0))).toBe('heard');
    expect(caseStatusAfter('actions_open', step('close', 0))).toBe('closed');
    expect(caseStatusAfter('heard', step('close', 0))).toBe('closed');
    expect(caseStatusAfter('referred', step('decline'))).toBe('declined');
  });

  it('refuses to list a referral that triage has not accepted, and says so', () => {
    expect(() => caseStatusAfter('referred', step('list'))).toThrow(/not been accepted/);
    expect(() => caseStatusAfter('declined', step('list'))).toThrow(/declined case cannot be listed/);
  });

  it('refuses to close a case while any action is open', () => {
    expect(() => caseStatusAfter('actions_open', step('close', 1))).toThrow(/One action is still open/);
    expect(() => caseStatusAfter('actions_open', step('close', 3))).toThrow(/3 actions are still open/);
    expect(() => caseStatusAfter('accepted', step('close', 0))).toThrow(/Only a heard case/);
  });

  it('answers every status and step with a known status or a 409 refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStatuses), anyStep, (status, next) => {
        try {
          expect(caseStatuses).toContain(caseStatusAfter(status, next));
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('CONFLICT');
        }
      }),
    );
  });

  it('takes no step out of declined or closed', () => {
    fc.assert(
      fc.property(fc.constantFrom<CaseStatus>('declined', 'closed'), anyStep, (status, next) => {
        expect(() => caseStatusAfter(status, next)).toThrow(DomainError);
      }),
    );
  });

  it('never closes a case with an open action, whatever its status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStatuses), fc.integer({ min: 1, max: 50 }), (status, openActions) => {
        expect(() => caseStatusAfter(status, step('close', openActions))).toThrow(DomainError);
      }),
    );
  });

  it('reaches an agenda, a hearing or closure only through acceptance at triage, whatever happens', () => {
    fc.assert(
      fc.property(fc.array(anyStep, { maxLength: 30 }), (steps) => {
        const passed = journey(steps);
        const accepted = passed.indexOf('accepted');
        for (const later of ['listed', 'heard', 'actions_open', 'closed'] as const) {
          const reached = passed.indexOf(later);
          if (reached >= 0) expect(accepted).toBeGreaterThanOrEqual(0);
          if (reached >= 0) expect(reached).toBeGreaterThan(accepted);
        }
        if (passed.includes('declined')) expect(passed.at(-1)).toBe('declined');
        if (passed.includes('closed')) expect(passed.at(-1)).toBe('closed');
      }),
    );
  });

  it('is heard only from an agenda, and closed only once heard', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStatuses), fc.integer({ min: 0, max: 5 }), (status, openActions) => {
        const canBeHeard = ['listed', 'heard', 'actions_open'].includes(status);
        if (canBeHeard) expect(caseStatusAfter(status, step('hear', openActions))).toBe(openActions > 0 ? 'actions_open' : 'heard');
        else expect(() => caseStatusAfter(status, step('hear', openActions))).toThrow(DomainError);
      }),
    );
  });
});
