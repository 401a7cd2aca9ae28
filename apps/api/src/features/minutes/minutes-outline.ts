import {
  notPartOfThisDiscussion,
  type MinutesActionRendition,
  type MinutesAgencyAttendance,
  type MinutesAttendee,
  type MinutesDecisionRendition,
  type MinutesItemRendition,
  type MinutesRendition,
  type MinutesRisk,
} from '@caseroom/contracts';
import {
  actionStatusWords,
  attendanceWords,
  compartmentWords,
  decisionKindWords,
  formatDate,
  formatLondonDateTime,
  formatLondonShortDateTime,
  formatLondonTime,
  positionWords,
  riskWords,
  roleWordsFor,
  sectionHeadings,
  writtenOut,
} from './minutes-words';

/*
 * What a copy says and in which order, once, for every format: the PDF, the Word file and the HTML view each
 * lay out these blocks and add nothing but the marking of every page. So the three cannot disagree.
 */

/** A line of text, optionally led by a label in bold ("Rationale: ..."). */
export interface MinutesLine {
  readonly label?: string;
  readonly text: string;
}

export type MinutesBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string }
  /** Body is case content; detail is what the meeting's record says about it; notice stands out. */
  | { readonly kind: 'paragraph'; readonly tone: 'body' | 'detail' | 'notice'; readonly line: MinutesLine }
  | { readonly kind: 'list'; readonly lines: readonly MinutesLine[] }
  /** A part of the copy (an item, a compartment's section, a decision); `role` names it for the HTML view. */
  | { readonly kind: 'group'; readonly role: MinutesGroupRole; readonly blocks: readonly MinutesBlock[] };

export type MinutesGroupRole =
  | 'front'
  | 'attendance'
  | 'agency'
  | 'item'
  | 'item-not-part'
  | `section-${MinutesSectionRole}`
  | 'decisions'
  | 'decision'
  | 'decision-superseded'
  | 'actions'
  | 'action';
type MinutesSectionRole = MinutesDecisionRendition['compartment'];

const heading = (level: 1 | 2 | 3 | 4, text: string): MinutesBlock => ({ kind: 'heading', level, text });
const paragraph = (tone: 'body' | 'detail' | 'notice', text: string, label?: string): MinutesBlock => ({
  kind: 'paragraph',
  tone,
  line: label === undefined ? { text } : { label, text },
});
const group = (role: MinutesGroupRole, blocks: readonly MinutesBlock[]): MinutesBlock => ({ kind: 'group', role, blocks });

/** Copy 7 · issued to Jane Doe (Northmoor IDVA Service): the line every page carries with the marking. */
export function copyLine(model: MinutesRendition): string {
  return `Copy ${model.copy.number} · issued to ${model.copy.recipientName} (${model.copy.recipientAgencyName})`;
}

export function pageLine(page: number, pages: number): string {
  return `Page ${page} of ${pages}`;
}

export function documentTitle(model: MinutesRendition): string {
  return `Minutes of ${model.conference.title}`;
}

/** The copy as blocks, in the order every format lays them out. */
export function outlineMinutes(model: MinutesRendition): MinutesBlock[] {
  return [
    group('front', frontMatter(model)),
    group('attendance', [heading(2, 'Attendance'), ...model.attendance.map(agencyAttendance)]),
    ...model.items.map(item),
  ];
}

function frontMatter(model: MinutesRendition): MinutesBlock[] {
  const { conference, copy } = model;
  const blocks = [heading(1, documentTitle(model)), paragraph('detail', formatLondonDateTime(conference.scheduledAt), 'Held')];
  if (conference.place) blocks.push(paragraph('detail', conference.place, 'Place'));
  blocks.push(paragraph('detail', conference.chairName, 'Chair'));
  if (conference.openedAt) {
    const closed = conference.closedAt ? `, closed ${formatLondonTime(conference.closedAt)}` : '';
    blocks.push(paragraph('detail', `opened ${formatLondonTime(conference.openedAt)}${closed}`, 'Sitting'));
  }
  blocks.push(
    paragraph('detail', `${model.version}, approved ${formatLondonDateTime(model.approvedAt)} by ${model.approvedByName}`, 'Version'),
  );
  if (model.correction) {
    blocks.push(paragraph('notice', model.correction.reason, `Corrects version ${model.correction.replacesVersion}`));
  }
  blocks.push(
    paragraph(
      'detail',
      `${copy.number}, issued to ${copy.recipientName} (${copy.recipientAgencyName}) on ${formatLondonDateTime(copy.issuedAt)} under policy version ${copy.policyVersion}`,
      'Copy',
    ),
  );
  return blocks;
}

function agencyAttendance(agency: MinutesAgencyAttendance): MinutesBlock {
  return group('agency', [heading(3, agency.agencyName), { kind: 'list', lines: agency.attendees.map(attendeeLine) }]);
}

function attendeeLine(attendee: MinutesAttendee): MinutesLine {
  const label = `${attendee.name}, ${roleWordsFor(attendee.role)}`;
  switch (attendee.status) {
    case 'present': {
      const periods = attendee.periods.map(({ joinedAt, leftAt }) =>
        leftAt ? `${formatLondonTime(joinedAt)}–${formatLondonTime(leftAt)}` : `from ${formatLondonTime(joinedAt)}`,
      );
      return { label, text: periods.length > 0 ? `${attendanceWords.present} ${periods.join(', ')}` : attendanceWords.present };
    }
    case 'apologies':
      return { label, text: attendee.apologies ? `${attendanceWords.apologies}: ${attendee.apologies}` : attendanceWords.apologies };
    case 'absent':
      return { label, text: attendanceWords.absent };
  }
}

function item(rendition: MinutesItemRendition): MinutesBlock {
  if (!rendition.part) {
    return group('item-not-part', [heading(2, `Item ${rendition.number}`), paragraph('notice', notPartOfThisDiscussion)]);
  }
  const blocks: MinutesBlock[] = [
    heading(2, `Item ${rendition.number} — ${rendition.reference}`),
    paragraph('detail', rendition.hasChildren ? 'Yes' : 'No', 'Children in the household'),
  ];
  if (rendition.presentNames.length > 0) blocks.push(paragraph('detail', rendition.presentNames.join(', '), 'Present'));
  if (rendition.risk) blocks.push(paragraph('detail', riskText(rendition.risk), 'Risk'));
  for (const section of rendition.sections) {
    blocks.push(
      group(`section-${section.compartment}`, [
        heading(3, sectionHeadings[section.compartment]),
        ...section.paragraphs.map((text) => paragraph('body', text)),
      ]),
    );
  }
  if (rendition.decisions.length > 0) blocks.push(group('decisions', [heading(3, 'Decisions'), ...rendition.decisions.map(decision)]));
  if (rendition.actions.length > 0) blocks.push(group('actions', [heading(3, 'Actions'), ...rendition.actions.map(action)]));
  return group('item', blocks);
}

function riskText(risk: MinutesRisk): string {
  const score = risk.score === null ? '' : `, score ${risk.score}`;
  const level = risk.level === null ? '' : ` (${riskWords[risk.level] ?? writtenOut(risk.level).toLowerCase()})`;
  return `${riskWords[risk.tool] ?? writtenOut(risk.tool)}${score}${level}`;
}

function decision(recorded: MinutesDecisionRendition): MinutesBlock {
  const blocks: MinutesBlock[] = [
    heading(4, `${decisionKindWords[recorded.kind]}${recorded.superseded ? ' (superseded)' : ''}`),
    paragraph(
      'detail',
      `${formatLondonShortDateTime(recorded.recordedAt)} · ${compartmentWords[recorded.compartment]} compartment`,
      'Recorded',
    ),
  ];
  if (recorded.superseded) blocks.push(paragraph('notice', 'This decision was superseded at the meeting.'));
  blocks.push(paragraph('body', recorded.rationale, 'Rationale'));
  if (recorded.optionsConsidered) blocks.push(paragraph('body', recorded.optionsConsidered, 'Options considered'));
  if (recorded.positions.length > 0) {
    blocks.push({
      kind: 'list',
      lines: recorded.positions.map(({ agencyName, position, rationale }) => ({
        label: `${agencyName}: ${positionWords[position]}`,
        text: rationale ?? '',
      })),
    });
  }
  return group(recorded.superseded ? 'decision-superseded' : 'decision', blocks);
}

function action(agreed: MinutesActionRendition): MinutesBlock {
  const owner = agreed.ownerPersonName ? `${agreed.ownerAgencyName} (${agreed.ownerPersonName})` : agreed.ownerAgencyName;
  return group('action', [
    paragraph('body', agreed.text),
    paragraph(
      'detail',
      `${owner} · due ${formatDate(agreed.dueOn)} · ${actionStatusWords[agreed.status]} · ${compartmentWords[agreed.compartment]} compartment`,
      'Owner',
    ),
  ]);
}
