import { useState } from 'react';
import type { UnitView, UserView } from '@caseroom/contracts';
import { wordsFor } from '../../lib/words';
import { plural, unitTree, type UnitNode } from './admin-data';
import { ChangeUnitForm } from './unit-forms';

/** A force's commands, departments, units and teams as nested lists, each with the people in it. */
export function UnitTree({ units, people }: { units: readonly UnitView[]; people: readonly UserView[] }) {
  const [changing, setChanging] = useState<string | null>(null);
  const counts = new Map<string, number>();
  for (const person of people) if (person.unitId) counts.set(person.unitId, (counts.get(person.unitId) ?? 0) + 1);
  const tree = unitTree(units);
  if (tree.length === 0) return <p>This force has no units or teams yet.</p>;

  const branch = (nodes: readonly UnitNode[], label?: string) => (
    <ul className="unit-tree" aria-label={label}>
      {nodes.map(({ unit, children }) => (
        <li key={unit.id}>
          <div className="unit-row">
            <span className="unit-name">{unit.name}</span>
            <span className="badge">{wordsFor(unit.kind)}</span>
            <span className="muted">{plural(counts.get(unit.id) ?? 0, 'person', 'people')}</span>
            {changing !== unit.id && (
              <button type="button" className="link" onClick={() => setChanging(unit.id)} aria-label={`Rename or move ${unit.name}`}>
                Rename or move
              </button>
            )}
          </div>
          {changing === unit.id && <ChangeUnitForm unit={unit} units={units} onDone={() => setChanging(null)} />}
          {children.length > 0 && branch(children)}
        </li>
      ))}
    </ul>
  );
  return branch(tree, 'Units and teams');
}
