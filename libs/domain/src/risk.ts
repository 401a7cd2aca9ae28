import { dashHighRiskThreshold } from './cases';

/** How a question of the risk identification checklist was answered. "Not known" is an answer, not a gap. */
export const dashAnswerValues = ['yes', 'no', 'not_known'] as const;
export type DashAnswer = (typeof dashAnswerValues)[number];

/**
 * The DASH risk identification checklist: 24 questions asked of the victim, each with an id that never
 * changes (answers are stored under it), in the order they are asked. The wording is Caseroom's own.
 */
export const dashQuestions = [
  { id: 'current_injury', text: 'Has the current incident resulted in an injury?' },
  { id: 'very_frightened', text: 'Is the victim very frightened?' },
  { id: 'afraid_of_further_harm', text: 'Is the victim afraid of further injury or violence, to themself or to someone else?' },
  { id: 'isolated', text: 'Does the victim feel cut off from family or friends, or does the abuser stop them seeing people?' },
  { id: 'depressed_or_suicidal', text: 'Is the victim feeling depressed, or having thoughts of suicide?' },
  { id: 'separation', text: 'Has the victim separated, or tried to separate, from the abuser in the past year?' },
  { id: 'child_contact_conflict', text: 'Is there conflict over contact with the children?' },
  {
    id: 'stalking',
    text: 'Does the abuser keep contacting, following, stalking or harassing the victim (calls, messages, turning up)?',
  },
  { id: 'pregnancy', text: 'Is the victim pregnant, or have they had a baby in the past 18 months?' },
  { id: 'more_often', text: 'Is the abuse happening more often?' },
  { id: 'getting_worse', text: 'Is the abuse getting worse?' },
  { id: 'controlling_or_jealous', text: 'Does the abuser try to control everything the victim does, or are they excessively jealous?' },
  { id: 'weapons', text: 'Has the abuser ever used a weapon or an object to hurt the victim?' },
  { id: 'threats_to_kill', text: 'Has the abuser ever threatened to kill the victim or someone else, and did the victim believe it?' },
  { id: 'strangulation', text: 'Has the abuser ever tried to strangle, choke, suffocate or drown the victim?' },
  {
    id: 'sexual_abuse',
    text: 'Does the abuser do or say sexual things that make the victim feel bad, or that hurt them or someone else?',
  },
  { id: 'other_threat', text: 'Is there anyone else who has threatened the victim, or whom the victim is afraid of?' },
  {
    id: 'hurt_others',
    text: 'Does the victim know of the abuser hurting anyone else: children, other relatives, a former partner, anyone?',
  },
  { id: 'animal_cruelty', text: 'Has the abuser ever mistreated an animal or a family pet?' },
  {
    id: 'financial',
    text: 'Are there money problems, such as the victim depending on the abuser for money, or a recent loss of work?',
  },
  {
    id: 'substance_or_mental_health',
    text: 'In the past year, have drugs, alcohol or mental health problems got in the way of the abuser leading a normal life?',
  },
  { id: 'suicide_threats', text: 'Has the abuser ever threatened or tried to take their own life?' },
  {
    id: 'breached_orders',
    text: 'Has the abuser ever broken bail, an injunction, or an agreement about when they may see the victim or the children?',
  },
  { id: 'criminal_history', text: 'Is the abuser known to have been in trouble with the police, or to have a criminal record?' },
] as const;

export type DashQuestionId = (typeof dashQuestions)[number]['id'];
export const dashQuestionIds: readonly DashQuestionId[] = dashQuestions.map((question) => question.id);

/** Every question answered. */
export type DashAnswers = Readonly<Record<DashQuestionId, DashAnswer>>;

/** The DASH score: how many questions were answered yes. */
export function dashScore(answers: Partial<Record<DashQuestionId, DashAnswer | null>>): number {
  return dashQuestionIds.filter((id) => answers[id] === 'yes').length;
}

/** 14 or more "yes" is visible high risk: the first ground for a MARAC referral. */
export function isVisibleHighRisk(score: number): boolean {
  return score >= dashHighRiskThreshold;
}

export const riskTools = ['dash_ric'] as const;
export type RiskTool = (typeof riskTools)[number];

/** One assessment of the victim's risk, as it was made: the answers, their score, who assessed and when. */
export interface RiskAssessment {
  readonly id: string;
  readonly caseId: string;
  readonly tool: RiskTool;
  readonly answers: DashAnswers;
  readonly score: number;
  readonly assessedBy: string;
  readonly assessedAt: Date;
}
