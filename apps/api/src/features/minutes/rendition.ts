import { minutesMarking, type MinutesItemRendition, type MinutesRendition } from '@caseroom/contracts';
import type { Compartment, MinutesCopy, MinutesVersion } from '@caseroom/domain';

const paragraphs = (text: string | undefined) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);

/**
 * One recipient's copy of approved minutes: of each item, exactly the compartments the copy holds (what
 * `decide()` admitted the recipient to when it was issued), and of an item it holds none of, only its
 * number. The copy's fingerprint is applied to it as it is rendered (fingerprintRendition); the PDF, the
 * Word file and the HTML view are all made from it, so they cannot disagree.
 */
export function renditionOf(
  version: Pick<MinutesVersion, 'id' | 'version' | 'content' | 'recordedAt' | 'correctionReason'>,
  copy: Pick<MinutesCopy, 'id' | 'number' | 'recipientName' | 'recipientAgencyName' | 'policyVersion' | 'issuedAt' | 'holds'>,
  context: { readonly approvedByName: string },
): MinutesRendition {
  const { content } = version;
  const items = content.items.map((item): MinutesItemRendition => {
    const held = new Set<Compartment>(copy.holds[item.itemId] ?? []);
    if (held.size === 0) return { number: item.number, part: false };
    return {
      number: item.number,
      part: true,
      reference: item.reference,
      hasChildren: item.hasChildren,
      presentNames: item.presentNames,
      risk: held.has('panel') ? item.risk : null,
      sections: (['panel', 'victim', 'investigation', 'standards'] as const)
        .filter((compartment) => held.has(compartment))
        .map((compartment) => ({ compartment, paragraphs: paragraphs(item.summaries[compartment]) }))
        .filter((section) => section.paragraphs.length > 0),
      decisions: item.decisions
        .filter((decision) => held.has(decision.compartment))
        .map((decision) => ({
          kind: decision.kind,
          compartment: decision.compartment,
          recordedAt: decision.recordedAt,
          rationale: decision.rationale,
          optionsConsidered: decision.optionsConsidered,
          positions: decision.positions.map((position) => ({
            agencyName: position.agencyName,
            position: position.position,
            rationale: position.rationale,
          })),
          superseded: decision.superseded,
        })),
      actions: item.actions
        .filter((action) => held.has(action.compartment))
        .map((action) => ({
          compartment: action.compartment,
          text: action.text,
          ownerAgencyName: action.ownerAgencyName,
          ownerPersonName: action.ownerPersonName,
          dueOn: action.dueOn,
          status: action.status,
        })),
    };
  });
  return {
    minutesId: version.id,
    version: version.version,
    conference: content.conference,
    approvedAt: version.recordedAt.toISOString(),
    approvedByName: context.approvedByName,
    correction: version.correctionReason === null ? null : { reason: version.correctionReason, replacesVersion: version.version - 1 },
    copy: {
      id: copy.id,
      number: copy.number,
      recipientName: copy.recipientName,
      recipientAgencyName: copy.recipientAgencyName,
      policyVersion: copy.policyVersion,
      issuedAt: copy.issuedAt.toISOString(),
    },
    marking: minutesMarking,
    attendance: content.attendance.map((agency) => ({
      agencyName: agency.agencyName,
      attendees: agency.attendees.map(({ name, role, status, periods, apologies }) => ({ name, role, status, periods, apologies })),
    })),
    items,
  };
}
