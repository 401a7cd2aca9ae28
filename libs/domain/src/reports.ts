import type { AgencyKind } from './organisation';

/*
 * The figures a force and a MARAC must report (decision 0028): the force's audit of PPDA cases for its
 * professional standards and the IOPC, and the MARAC's quarterly data return. Plain rules: which cases
 * count, how a figure is kept from identifying a victim, and the order of the return's columns.
 */

/** Equality monitoring of the victim, each optional on the referral and on the case. */
export const victimGenders = ['female', 'male', 'non_binary', 'not_known', 'prefers_not_to_say'] as const;
export type VictimGender = (typeof victimGenders)[number];

export const ethnicGroups = [
  'white_british',
  'white_other',
  'mixed',
  'asian',
  'black',
  'other_ethnic_group',
  'not_known',
  'prefers_not_to_say',
] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];

/** Answers to "is the victim disabled?" and "does the victim identify as LGBT+?". */
export const monitoringAnswers = ['yes', 'no', 'not_known', 'prefers_not_to_say'] as const;
export type MonitoringAnswer = (typeof monitoringAnswers)[number];

/** Every group but white British counts as Black and minoritised in the return (decision 0028, confirm with SafeLives). */
const blackAndMinoritised: ReadonlySet<EthnicGroup> = new Set(['white_other', 'mixed', 'asian', 'black', 'other_ethnic_group']);

export function isBlackOrMinoritised(group: EthnicGroup | null | undefined): boolean {
  return !!group && blackAndMinoritised.has(group);
}

/** How professional standards recorded the allegation under the Police (Complaints and Misconduct) Regulations. */
export const misconductRecordings = ['complaint', 'conduct_matter', 'not_recorded'] as const;
export type MisconductRecording = (typeof misconductRecordings)[number];

/** Whether a case is still being worked (live) or finished: closed or declined. */
export type AuditStanding = 'live' | 'finished';

/** A finished case stays in the audit for this long after it finished. */
export const auditLookBackMonths = 12;

/** Whole years between a date of birth and a day, both ISO dates. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The ISO date a number of months before another (the day clamped to the month's end). */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The middle value (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A calendar quarter, written `2026-Q4`. */
export interface Quarter {
  readonly year: number;
  readonly number: 1 | 2 | 3 | 4;
}

export function parseQuarter(text: string): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(text);
  return match ? { year: Number(match[1]), number: Number(match[2]) as Quarter['number'] } : null;
}

export function quarterOf(isoDate: string): Quarter {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  return { year, number: (Math.floor((month - 1) / 3) + 1) as Quarter['number'] };
}

export function formatQuarter(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.number}`;
}

/** The first and last day of a quarter, as ISO dates. */
export function quarterBounds(quarter: Quarter): { readonly from: string; readonly to: string } {
  const firstMonth = (quarter.number - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(quarter.year, firstMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${quarter.year}-${pad(firstMonth)}-01`, to: `${quarter.year}-${pad(firstMonth + 2)}-${pad(lastDay)}` };
}

/** A count as it may be published: the number, or "<5" where a small number could identify a victim. */
export type PublishedCount = number | '<5';

/** Counts of 1 to 4 are shown as "<5". Zero is shown: it says no victim had the trait, which identifies no one. */
export const suppressionThreshold = 5;

export function suppress(count: number): PublishedCount {
  return count > 0 && count < suppressionThreshold ? '<5' : count;
}

/**
 * Cells that add up to a published total: suppressing one cell alone would let the total minus the others
 * give it away, so while exactly one cell is suppressed, the smallest other non-zero cell is suppressed
 * too. Zeros are never suppressed.
 */
export function suppressGroup(counts: readonly number[]): PublishedCount[] {
  const published = counts.map(suppress);
  const hidden = () => published.filter((cell) => cell === '<5').length;
  while (hidden() === 1) {
    const candidates = counts
      .map((count, index) => ({ count, index }))
      .filter(({ count, index }) => count > 0 && published[index] !== '<5');
    if (candidates.length === 0) break;
    const smallest = candidates.reduce((least, each) => (each.count < least.count ? each : least));
    published[smallest.index] = '<5';
  }
  return published;
}

/** Which referring agencies the return counts apart, in its column order; every other kind is "other". */
export const returnAgencyColumns = [
  'police_force',
  'idva_service',
  'probation',
  'health',
  'childrens_social_care',
  'adult_social_care',
  'housing',
  'education',
  'other',
] as const satisfies readonly AgencyKind[];
export type ReturnAgencyColumn = (typeof returnAgencyColumns)[number];

export function returnAgencyColumn(kind: AgencyKind): ReturnAgencyColumn {
  return (returnAgencyColumns as readonly AgencyKind[]).includes(kind) ? (kind as ReturnAgencyColumn) : 'other';
}

/** One case heard by a MARAC in the quarter, as far as the return counts it. */
export interface ReturnCase {
  readonly isRepeat: boolean;
  readonly childCount: number;
  readonly referringAgencyKind: AgencyKind;
  readonly gender: VictimGender | null;
  readonly ethnicGroup: EthnicGroup | null;
  readonly disabled: MonitoringAnswer | null;
  readonly lgbt: MonitoringAnswer | null;
  /** Age on the day she was referred; null when her date of birth is not recorded. */
  readonly ageAtReferral: number | null;
  readonly isVictimPoliceEmployed: boolean;
  /** Days from the referral to the first restriction applied; null when none was applied. */
  readonly daysToRestriction: number | null;
}

/** The return's figures, counted before any suppression. */
export interface ReturnFigures {
  readonly casesDiscussed: number;
  readonly repeatCases: number;
  readonly children: number;
  readonly referralsByAgency: Readonly<Record<ReturnAgencyColumn, number>>;
  readonly victimsBlackAndMinoritised: number;
  readonly victimsLgbt: number;
  readonly victimsDisabled: number;
  readonly victimsMale: number;
  readonly victimsAged16To17: number;
  readonly casesWithPoliceSuspect: number;
  readonly casesWithPoliceEmployedVictim: number;
  readonly casesWithRestrictionApplied: number;
  readonly medianDaysToRestriction: number | null;
}

export function countReturn(cases: readonly ReturnCase[]): ReturnFigures {
  const count = (test: (each: ReturnCase) => boolean) => cases.filter(test).length;
  const referralsByAgency = Object.fromEntries(returnAgencyColumns.map((column) => [column, 0])) as Record<ReturnAgencyColumn, number>;
  for (const each of cases) referralsByAgency[returnAgencyColumn(each.referringAgencyKind)] += 1;
  const restricted = cases.flatMap((each) => (each.daysToRestriction === null ? [] : [each.daysToRestriction]));
  return {
    casesDiscussed: cases.length,
    repeatCases: count((each) => each.isRepeat),
    children: cases.reduce((sum, each) => sum + each.childCount, 0),
    referralsByAgency,
    victimsBlackAndMinoritised: count((each) => isBlackOrMinoritised(each.ethnicGroup)),
    victimsLgbt: count((each) => each.lgbt === 'yes'),
    victimsDisabled: count((each) => each.disabled === 'yes'),
    victimsMale: count((each) => each.gender === 'male'),
    victimsAged16To17: count((each) => each.ageAtReferral === 16 || each.ageAtReferral === 17),
    // Every case Caseroom holds has a police suspect: that is what PPDA means.
    casesWithPoliceSuspect: cases.length,
    casesWithPoliceEmployedVictim: count((each) => each.isVictimPoliceEmployed),
    casesWithRestrictionApplied: restricted.length,
    medianDaysToRestriction: median(restricted),
  };
}

/** The return as published: small numbers suppressed, the median withheld where fewer than five cases make it. */
export interface PublishedReturn {
  readonly casesDiscussed: PublishedCount;
  readonly repeatCases: PublishedCount;
  readonly children: PublishedCount;
  readonly referralsByAgency: Readonly<Record<ReturnAgencyColumn, PublishedCount>>;
  readonly victimsBlackAndMinoritised: PublishedCount;
  readonly victimsLgbt: PublishedCount;
  readonly victimsDisabled: PublishedCount;
  readonly victimsMale: PublishedCount;
  readonly victimsAged16To17: PublishedCount;
  readonly casesWithPoliceSuspect: PublishedCount;
  readonly casesWithPoliceEmployedVictim: PublishedCount;
  readonly casesWithRestrictionApplied: PublishedCount;
  readonly medianDaysToRestriction: number | '<5' | null;
}

export function publishReturn(figures: ReturnFigures): PublishedReturn {
  const byAgency = suppressGroup(returnAgencyColumns.map((column) => figures.referralsByAgency[column]));
  const restricted = figures.casesWithRestrictionApplied;
  return {
    casesDiscussed: suppress(figures.casesDiscussed),
    repeatCases: suppress(figures.repeatCases),
    children: suppress(figures.children),
    referralsByAgency: Object.fromEntries(returnAgencyColumns.map((column, index) => [column, byAgency[index]])) as Record<
      ReturnAgencyColumn,
      PublishedCount
    >,
    victimsBlackAndMinoritised: suppress(figures.victimsBlackAndMinoritised),
    victimsLgbt: suppress(figures.victimsLgbt),
    victimsDisabled: suppress(figures.victimsDisabled),
    victimsMale: suppress(figures.victimsMale),
    victimsAged16To17: suppress(figures.victimsAged16To17),
    casesWithPoliceSuspect: suppress(figures.casesWithPoliceSuspect),
    casesWithPoliceEmployedVictim: suppress(figures.casesWithPoliceEmployedVictim),
    casesWithRestrictionApplied: suppress(restricted),
    medianDaysToRestriction: restricted === 0 ? null : restricted < suppressionThreshold ? '<5' : figures.medianDaysToRestriction,
  };
}

/** The return's columns, in the order of its CSV (decision 0028 lists them with their source). */
export const maracReturnColumns = [
  ['area', 'MARAC area'],
  ['quarter', 'Quarter'],
  ['casesDiscussed', 'Number of cases discussed'],
  ['repeatCases', 'Number of repeat cases'],
  ['children', 'Number of children in the households'],
  ['referrals.police_force', 'Referrals from police'],
  ['referrals.idva_service', 'Referrals from IDVA services'],
  ['referrals.probation', 'Referrals from probation'],
  ['referrals.health', 'Referrals from health'],
  ['referrals.childrens_social_care', "Referrals from children's social care"],
  ['referrals.adult_social_care', 'Referrals from adult social care'],
  ['referrals.housing', 'Referrals from housing'],
  ['referrals.education', 'Referrals from education'],
  ['referrals.other', 'Referrals from other agencies'],
  ['victimsBlackAndMinoritised', 'Victims from Black and minoritised communities'],
  ['victimsLgbt', 'Victims who identify as LGBT+'],
  ['victimsDisabled', 'Victims who are disabled'],
  ['victimsMale', 'Victims who are male'],
  ['victimsAged16To17', 'Victims aged 16 to 17'],
  ['casesWithPoliceSuspect', 'PPDA: cases with a police suspect'],
  ['casesWithPoliceEmployedVictim', 'PPDA: cases where the victim works for a police force'],
  ['casesWithRestrictionApplied', 'PPDA: cases with a duty restriction applied'],
  ['medianDaysToRestriction', 'PPDA: median days from referral to restriction'],
] as const;
