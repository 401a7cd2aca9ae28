import type { MinutesItemRendition, MinutesRendition } from '@caseroom/contracts';
import { fingerprint } from './fingerprint';

/**
 * The rendition with every text of case content fingerprinted with the copy's key: the summaries, the
 * rationales, the options considered, the agencies' reasons and the actions. Headings, names, references and
 * the marking are left as they are. A text already fingerprinted with the same key comes out unchanged.
 */
export function fingerprintRendition(model: MinutesRendition, key: string): MinutesRendition {
  const mark = (text: string) => fingerprint(text, key);
  return { ...model, items: model.items.map((item) => fingerprintItem(item, mark)) };
}

function fingerprintItem(item: MinutesItemRendition, mark: (text: string) => string): MinutesItemRendition {
  if (!item.part) return item;
  return {
    ...item,
    sections: item.sections.map((section) => ({ ...section, paragraphs: section.paragraphs.map(mark) })),
    decisions: item.decisions.map((decision) => ({
      ...decision,
      rationale: mark(decision.rationale),
      optionsConsidered: decision.optionsConsidered === null ? null : mark(decision.optionsConsidered),
      positions: decision.positions.map((position) => ({
        ...position,
        rationale: position.rationale === null ? null : mark(position.rationale),
      })),
    })),
    actions: item.actions.map((action) => ({ ...action, text: mark(action.text) })),
  };
}
