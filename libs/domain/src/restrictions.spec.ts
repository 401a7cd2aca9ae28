import fc from 'fast-check';
import { DomainError } from './errors';
import {
  addDays,
  defaultReviewClocks,
  isActive,
  legalBasisFits,
  nextStatus,
  restrictionStatuses,
  restrictionSteps,
  reviewIntervalDays,
  whenBasisSuperseded,
  type RestrictionStatus,
} from './restrictions';

describe('a duty restriction', () => {
  it('takes a second person to apply a suspension, and refuses the proposer approving their own', () => {
    expect(nextStatus({ status: 'requested', proposedBy: null }, 'apply_proposed', 'psd-1')).toBe('apply_pending');
    expect(() => nextStatus({ status: 'apply_pending', proposedBy: 'psd-1' }, 'approved', 'psd-1')).toThrow(/second person/);
    expect(() => nextStatus({ status: 'apply_pending', proposedBy: 'psd-1' }, 'rejected', 'psd-1')).toThrow(/second person/);
    expect(nextStatus({ status: 'apply_pending', proposedBy: 'psd-1' }, 'approved', 'psd-2')).toBe('applied');
    expect(nextStatus({ status: 'apply_pending', proposedBy: 'psd-1' }, 'rejected', 'psd-2')).toBe('requested');
    expect(() => nextStatus({ status: 'apply_pending', proposedBy: 'psd-1' }, 'reviewed', 'psd-2')).toThrow(DomainError);
    expect(isActive({ status: 'apply_pending' })).toBe(false);
    expect(whenBasisSuperseded({ status: 'apply_pending' })).toBe('withdraw');
  });

  it('is applied, reviewed and lifted, or declined, and ends there', () => {
    const by = 'psd-1';
    expect(nextStatus({ status: 'requested', proposedBy: null }, 'applied', by)).toBe('applied');
    expect(nextStatus({ status: 'applied', proposedBy: null }, 'reviewed', by)).toBe('applied');
    expect(nextStatus({ status: 'applied', proposedBy: null }, 'lift_proposed', by)).toBe('lift_pending');
    expect(nextStatus({ status: 'lift_pending', proposedBy: by }, 'approved', 'psd-2')).toBe('lifted');
    expect(nextStatus({ status: 'decline_pending', proposedBy: by }, 'approved', 'psd-2')).toBe('declined');
    expect(nextStatus({ status: 'decline_pending', proposedBy: by }, 'rejected', 'psd-2')).toBe('requested');
  });

  it('needs a second person to approve or reject a proposal', () => {
    expect(() => nextStatus({ status: 'lift_pending', proposedBy: 'psd-1' }, 'approved', 'psd-1')).toThrow(/second person/);
    expect(() => nextStatus({ status: 'decline_pending', proposedBy: 'psd-1' }, 'rejected', 'psd-1')).toThrow(/second person/);
  });

  it('takes no step at all once declined, lifted or withdrawn', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RestrictionStatus>('declined', 'lifted', 'withdrawn'),
        fc.constantFrom(...restrictionSteps),
        (status, step) => {
          expect(() => nextStatus({ status, proposedBy: null }, step, 'someone')).toThrow(DomainError);
        },
      ),
    );
  });

  it('is withdrawn only while it waits for professional standards, by whoever superseded its decision', () => {
    expect(nextStatus({ status: 'requested', proposedBy: null }, 'withdrawn', 'chair-1')).toBe('withdrawn');
    expect(nextStatus({ status: 'decline_pending', proposedBy: 'psd-1' }, 'withdrawn', 'psd-1')).toBe('withdrawn');
    expect(() => nextStatus({ status: 'applied', proposedBy: null }, 'withdrawn', 'chair-1')).toThrow(/cannot be withdrawn/);
    expect(() => nextStatus({ status: 'lift_pending', proposedBy: 'psd-1' }, 'withdrawn', 'chair-1')).toThrow(DomainError);
  });

  it('is withdrawn when its decision is superseded exactly when it can be, and otherwise reviewed if in force', () => {
    fc.assert(
      fc.property(fc.constantFrom(...restrictionStatuses), fc.option(fc.constantFrom('psd-1', 'chair-1')), (status, proposedBy) => {
        const outcome = whenBasisSuperseded({ status });
        let canWithdraw = true;
        try {
          nextStatus({ status, proposedBy }, 'withdrawn', 'chair-1');
        } catch {
          canWithdraw = false;
        }
        expect(outcome === 'withdraw').toBe(canWithdraw);
        // A restriction in force is never ended by a correction: PSD is asked to review it instead.
        expect(outcome === 'ask-for-review').toBe(isActive({ status }));
      }),
    );
  });

  it('answers every status and step with a known status or a clear refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...restrictionStatuses), fc.constantFrom(...restrictionSteps), (status, step) => {
        try {
          expect(restrictionStatuses).toContain(nextStatus({ status, proposedBy: 'a' }, step, 'b'));
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
    );
  });

  it('rests suspension on regulation 11 and nothing else on it', () => {
    expect(legalBasisFits(['suspension', 'warrant_card_retained'], 'regulation_11_suspension')).toBe(true);
    expect(legalBasisFits(['suspension'], 'direction_and_control')).toBe(false);
    expect(legalBasisFits(['management_restricted_duties'], 'regulation_11_suspension')).toBe(false);
    expect(legalBasisFits(['management_restricted_duties'], 'annex_ee_management_restricted_duties')).toBe(true);
  });

  it('is reviewed every 4 weeks, or every 12 for a suspension on the 2026 cycle', () => {
    expect(reviewIntervalDays(['suspension'], 'standard', defaultReviewClocks)).toBe(28);
    expect(reviewIntervalDays(['suspension'], 'amended_2026', defaultReviewClocks)).toBe(84);
    expect(reviewIntervalDays(['no_lone_working_with_vulnerable_people'], 'amended_2026', defaultReviewClocks)).toBe(28);
    expect(reviewIntervalDays(['suspension'], 'amended_2026', { ...defaultReviewClocks, amendedSuspensionDays: 70 })).toBe(70);
    expect(addDays('2026-12-18', 28)).toBe('2027-01-15');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
