import fc from 'fast-check';
import { dashAnswerValues, dashQuestionIds, dashQuestions, dashScore, isVisibleHighRisk, type DashAnswers } from './risk';

describe('the DASH risk identification checklist', () => {
  it('has 24 questions, each with its own stable id and wording', () => {
    expect(dashQuestions).toHaveLength(24);
    expect(new Set(dashQuestionIds).size).toBe(24);
    expect(new Set(dashQuestions.map((question) => question.text)).size).toBe(24);
    for (const id of dashQuestionIds) expect(id).toMatch(/^[a-z_]+$/);
  });

  it('scores the number of yes answers, and 14 or more is visible high risk', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...dashAnswerValues), { minLength: 24, maxLength: 24 }), (values) => {
        const answers = Object.fromEntries(dashQuestionIds.map((id, index) => [id, values[index]])) as DashAnswers;
        const yes = values.filter((value) => value === 'yes').length;
        expect(dashScore(answers)).toBe(yes);
        expect(isVisibleHighRisk(dashScore(answers))).toBe(yes >= 14);
      }),
    );
  });

  it('counts nothing for a question not yet answered', () => {
    expect(dashScore({})).toBe(0);
    expect(dashScore({ current_injury: 'yes', weapons: null, stalking: 'not_known' })).toBe(1);
  });
});
