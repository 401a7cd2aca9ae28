import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { MaracReturnView, PpdaAuditRowView, PpdaAuditView } from '@caseroom/contracts';
import { maracReturnColumns, returnAgencyColumns, type PublishedReturn } from '@caseroom/domain';
import { toCsv } from './csv';
import { caseStatusWords, recordingWords, restrictionKindWords, restrictionStatusWords, standingWords, ukDate } from './report-words';

/** A report as a file to download. */
export interface ReportFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string;
}

const marking = 'OFFICIAL-SENSITIVE';

const auditHeader = [
  'Case reference',
  'Force',
  'Live or finished',
  'Case status',
  'Referred on',
  'Finished on',
  "Suspect's rank",
  "Suspect's role",
  'Public protection role',
  'Recorded as',
  'Restrictions',
  'Next review',
  'Reviews overdue',
  'Days from referral to restriction',
];

function restrictionsText(row: PpdaAuditRowView): string {
  return row.restrictions
    .map((restriction) => {
      const since = restriction.effectiveOn ? ` from ${ukDate(restriction.effectiveOn)}` : '';
      const until = restriction.endedOn ? ` to ${ukDate(restriction.endedOn)}` : '';
      return `${restrictionKindWords[restriction.kind]}: ${restrictionStatusWords[restriction.status]}${since}${until}`;
    })
    .join('; ');
}

function auditCells(row: PpdaAuditRowView): (string | number | null)[] {
  const reviews = row.restrictions.flatMap((restriction) => (restriction.nextReviewOn ? [restriction.nextReviewOn] : [])).sort();
  return [
    row.reference,
    row.forceName,
    standingWords[row.standing],
    caseStatusWords[row.status],
    ukDate(row.referredOn),
    ukDate(row.finishedOn),
    row.suspectRank ?? '',
    row.suspectRole ?? '',
    row.isPublicProtection ? 'Yes' : 'No',
    recordingWords[row.recordedAs ?? 'unrecorded'],
    restrictionsText(row) || 'None',
    ukDate(reviews[0] ?? null),
    row.restrictions.filter((restriction) => restriction.isReviewOverdue).length,
    row.daysToRestriction,
  ];
}

export function auditCsv(view: PpdaAuditView): ReportFile {
  return {
    bytes: Buffer.from(toCsv([auditHeader, ...view.rows.map(auditCells)]), 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `ppda-audit-${view.asOf}.csv`,
  };
}

/** A published figure as the return writes it: the count, "<5", or empty where there is nothing to give. */
function published(value: number | '<5' | null): string | number {
  return value === null ? '' : value;
}

function returnCells(view: MaracReturnView, figures: PublishedReturn): (string | number)[] {
  const values: Record<string, string | number> = {
    area: view.area?.name ?? '',
    quarter: view.quarter,
    casesDiscussed: published(figures.casesDiscussed),
    repeatCases: published(figures.repeatCases),
    children: published(figures.children),
    victimsBlackAndMinoritised: published(figures.victimsBlackAndMinoritised),
    victimsLgbt: published(figures.victimsLgbt),
    victimsDisabled: published(figures.victimsDisabled),
    victimsMale: published(figures.victimsMale),
    victimsAged16To17: published(figures.victimsAged16To17),
    casesWithPoliceSuspect: published(figures.casesWithPoliceSuspect),
    casesWithPoliceEmployedVictim: published(figures.casesWithPoliceEmployedVictim),
    casesWithRestrictionApplied: published(figures.casesWithRestrictionApplied),
    medianDaysToRestriction: published(figures.medianDaysToRestriction),
  };
  for (const column of returnAgencyColumns) values[`referrals.${column}`] = published(figures.referralsByAgency[column]);
  return maracReturnColumns.map(([key]) => values[key]);
}

export function returnCsv(view: MaracReturnView): ReportFile {
  const header = maracReturnColumns.map(([, label]) => label);
  const rows = view.figures ? [header, returnCells(view, view.figures)] : [header];
  const area = (view.area?.name ?? 'no-area')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return {
    bytes: Buffer.from(toCsv(rows), 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `marac-return-${area}-${view.quarter}.csv`,
  };
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function dejaVu(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

/** The audit as an A4 landscape PDF: the figures first, then one block per case, the marking on every page. */
export async function auditPdf(view: PpdaAuditView): Promise<ReportFile> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 56, bottom: 56, left: 48, right: 48 },
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `PPDA audit, ${ukDate(view.asOf)}`, Subject: marking, Author: 'Caseroom', Creator: 'Caseroom' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', dejaVu().regular);
  doc.registerFont('bold', dejaVu().bold);

  const forces = view.forceId ? view.forces.filter((force) => force.id === view.forceId) : view.forces;
  doc.font('bold').fontSize(16).text('Audit of police-perpetrated domestic abuse cases');
  doc
    .font('regular')
    .fontSize(10)
    .text(`${forces.map((force) => force.name).join(', ')}. Drawn up on ${ukDate(view.asOf)}.`);
  doc.text(`Live cases, and cases finished since ${ukDate(view.finishedSince)}.`);
  doc.moveDown(0.6);
  const { summary } = view;
  const median = summary.medianDaysToRestriction === null ? 'none applied' : `${summary.medianDaysToRestriction} days`;
  for (const line of [
    `Cases: ${summary.cases} (live ${summary.live}, finished ${summary.finished})`,
    `With a restriction in place: ${summary.withRestrictionInPlace}; reviews overdue: ${summary.overdueReviews}`,
    `Recorded as a complaint: ${summary.recordedAs.complaint}; as a conduct matter: ${summary.recordedAs.conduct_matter}; ` +
      `as neither: ${summary.recordedAs.not_recorded}; not yet said: ${summary.recordedAs.unrecorded}`,
    `Median time from referral to restriction: ${median}`,
  ])
    doc.text(line);
  doc.moveDown(0.8);
  for (const row of view.rows) {
    const cells = auditCells(row);
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.font('bold').fontSize(11).text(`${row.reference}, ${row.forceName}`);
    doc.font('regular').fontSize(9.5);
    auditHeader.slice(2).forEach((label, index) => {
      const value = cells[index + 2];
      if (value !== null && value !== '') doc.text(`${label}: ${value}`);
    });
    doc.moveDown(0.5);
  }
  if (view.rows.length === 0) doc.text('No case matches these filters.');

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('bold').fontSize(9).text(marking, 48, 24, { lineBreak: false });
    doc
      .font('regular')
      .fontSize(8.5)
      .text(`${marking}. Page ${index + 1} of ${range.count}.`, 48, doc.page.height - 36, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), contentType: 'application/pdf', fileName: `ppda-audit-${view.asOf}.pdf` };
}
