import type { PresenceView } from '@caseroom/contracts';
import { useSession } from '../../session';

/** Who is in the room, grouped by agency. */
export function PresencePanel({ present }: { present: PresenceView['present'] }) {
  const { agencyName } = useSession();
  const byAgency = new Map<string, string[]>();
  for (const person of present) byAgency.set(person.agencyId, [...(byAgency.get(person.agencyId) ?? []), person.name]);
  const groups = [...byAgency.entries()].map(([agencyId, names]) => ({ agency: agencyName(agencyId), names: [...new Set(names)].sort() }));
  groups.sort((a, b) => a.agency.localeCompare(b.agency));
  return (
    <section className="card presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">Present ({new Set(present.map((person) => person.userId)).size})</h2>
      {groups.length === 0 && <p className="muted">Nobody yet.</p>}
      {groups.map((group) => (
        <div key={group.agency}>
          <h3>{group.agency}</h3>
          <ul>
            {group.names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
