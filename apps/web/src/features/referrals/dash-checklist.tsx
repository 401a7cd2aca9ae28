import { dashAnswerValues, dashHighRiskThreshold, dashQuestions, dashScore, isVisibleHighRisk } from '@caseroom/contracts';
import { useWatch } from 'react-hook-form';
import { Field } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { blankAsNull, type ReferralForm } from './referral-values';

/**
 * The 24 questions of the DASH risk identification checklist, each answered yes, no or not known, and
 * the score (the number of yes) counted as they are answered, against the threshold of visible high risk.
 * A select per question: typing y or n answers it from the keyboard alone.
 */
export function DashChecklist({ form }: { form: ReferralForm }) {
  const answers = useWatch({ control: form.control, name: 'referral.dashAnswers' }) ?? {};
  const score = dashScore(answers);
  const answered = dashQuestions.filter((question) => answers[question.id]).length;
  return (
    <fieldset className="card" aria-describedby="dash-hint">
      <legend>
        <h2>DASH risk identification checklist</h2>
      </legend>
      <p className="hint" id="dash-hint">
        Ask the victim each question. Answer every one: “Not known” is an answer. {dashHighRiskThreshold} or more “Yes” is visible high
        risk.
      </p>
      <ol className="dash-questions">
        {dashQuestions.map((question, index) => (
          <li key={question.id}>
            <Field form={form as never} name={`referral.dashAnswers.${question.id}`} label={`${index + 1}. ${question.text}`}>
              {(props) => (
                <select {...props} {...form.register(`referral.dashAnswers.${question.id}`, { setValueAs: blankAsNull })}>
                  <option value="">Not answered</option>
                  {dashAnswerValues.map((answer) => (
                    <option key={answer} value={answer}>
                      {wordsFor(answer)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </li>
        ))}
      </ol>
      <div className="dash-score" role="status" aria-live="polite" data-testid="dash-score">
        <label htmlFor="dash-score-meter">DASH score</label>
        <meter
          id="dash-score-meter"
          min={0}
          max={dashQuestions.length}
          low={dashHighRiskThreshold - 0.5}
          high={dashHighRiskThreshold - 0.5}
          optimum={0}
          value={score}
        >
          {score}
        </meter>
        <p>
          <strong>
            {score} of {dashQuestions.length}
          </strong>{' '}
          answered yes ({answered} of {dashQuestions.length} questions answered).{' '}
          {isVisibleHighRisk(score)
            ? `At or above the threshold of ${dashHighRiskThreshold}: visible high risk.`
            : `Below the threshold of ${dashHighRiskThreshold}: refer on professional judgement or escalation if there are grounds.`}
        </p>
      </div>
    </fieldset>
  );
}
