import type { Compartment } from '@caseroom/contracts';

/** Compartments are named in words everywhere; colour only repeats what the words say. */
export const compartmentLabels: Record<Compartment, string> = {
  panel: 'Panel',
  victim: 'Victim',
  investigation: 'Investigation',
  standards: 'Standards',
};

export const compartmentDescriptions: Record<Compartment, string> = {
  panel: 'Case summary, agency contributions, risk and the action plan',
  victim: 'Identity, whereabouts, safe contact, children and the safety plan',
  investigation: 'Criminal and misconduct investigation strategy',
  standards: 'Duty restrictions, vetting and professional standards detail',
};

/** A stable colour per person for their caret, dark enough for white text on it. */
export function colourFor(userId: string): string {
  const palette = ['#1d4ed8', '#7e22ce', '#9a3412', '#0f766e', '#a4161a', '#365314', '#6b21a8', '#1e40af'];
  let hash = 0;
  for (const character of userId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}
