import type { PresenceView } from '@caseroom/contracts';
import { useSession } from '../../session';

/**
 * Who is in the room, grouped by agency. The chair alone is told who is stepped out of the current
 * item (`steppedOut`), and sees them marked so.
 */
export function PresencePanel({ present, steppedOut = [] }: { present: PresenceView['present']; steppedOut?: readonly string[] }) {
  const { agencyName } = useSession();
  const byAgency = new Map<string, Map<string, string>>();
  for (const person of present)
    byAgency.set(person.agencyId, (byAgency.get(person.agencyId) ?? new Map<string, string>()).set(person.userId, person.name));
  const groups = [...byAgency.entries()].map(([agencyId, people]) => ({
    agency: agencyName(agencyId),
    people: [...people.entries()].map(([userId, name]) => ({ userId, name })).sort((a, b) => a.name.localeCompare(b.name)),
  }));
  groups.sort((a, b) => a.agency.localeCompare(b.agency));
  return (
    <section className="card presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">Present ({new Set(present.map((person) => person.userId)).size})</h2>
      {groups.length === 0 && <p className="muted">Nobody yet.</p>}
      {groups.map((group) => (
        <div key={group.agency}>
          <h3>{group.agency}</h3>
          <ul>
            {group.people.map((person) => (
              <li key={person.userId}>
                {person.name}
                {steppedOut.includes(person.userId) && <span className="badge stepped-out-mark">Stepped out</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
