import type { ComponentType } from 'react';
import { NavLink } from 'react-router';
import type { AgencyKind, Role } from '@caseroom/contracts';
import { useSession } from '../../session';
import { UnreadCount } from '../notices/unread-count';

interface Destination {
  readonly to: string;
  readonly label: string;
  /** Shown to people holding any of these roles; everyone when absent. */
  readonly roles?: readonly Role[];
  /** Shown after the label, such as a count of what waits there. */
  readonly Extra?: ComponentType;
  /** Marked current only at this address exactly, not at the addresses below it. */
  readonly end?: boolean;
  /** Shown also to people of agencies of these kinds, whatever their roles. */
  readonly agencyKinds?: readonly AgencyKind[];
}

/** Who takes part in conferences, and so may be issued minutes. */
const participants: readonly Role[] = ['coordinator', 'chair', 'member', 'idva', 'psd', 'observer'];

/** Where each person can go, by their roles: one list, so the menu and the screens agree. */
/** Who refers cases: members of the agencies, and the coordinator or chair on an agency's behalf (permission case.create). */
const referrers: readonly Role[] = ['coordinator', 'chair', 'member', 'idva'];

const destinations: readonly Destination[] = [
  // Administrators manage the organisation and take part in no case.
  { to: '/conferences', label: 'Conferences', roles: participants },
  { to: '/cases', label: 'Cases', roles: participants },
  { to: '/minutes', label: 'My minutes', roles: participants },
  { to: '/research', label: 'Research', roles: ['coordinator', 'chair', 'member', 'idva', 'psd'] },
  // Whoever owns actions between meetings (the agencies' members, PSD) and whoever runs conferences.
  { to: '/actions', label: 'Actions', roles: ['coordinator', 'chair', 'member', 'idva', 'psd'] },
  { to: '/triage', label: 'Triage', roles: ['coordinator', 'chair'] },
  { to: '/referrals/new', label: 'Refer a case', roles: referrers },
  { to: '/referrals/drafts', label: 'My drafts', roles: referrers, end: true },
  { to: '/restrictions', label: 'Restrictions', roles: ['psd'] },
  // The force's PPDA audit: its professional standards, and the IOPC for every force.
  { to: '/reports/ppda-audit', label: 'PPDA audit', roles: ['psd'], agencyKinds: ['iopc'] },
  { to: '/reports/marac-return', label: 'MARAC return', roles: ['coordinator', 'chair'] },
  // Professional standards, and the IOPC's oversight.
  { to: '/exposure-alerts', label: 'Exposure alerts', roles: ['psd'], agencyKinds: ['iopc'] },
  { to: '/administration', label: 'Administration', roles: ['administrator'] },
  { to: '/notices', label: 'Notices', Extra: UnreadCount },
];

export function Navigation() {
  const { me, signOut } = useSession();
  const visible = destinations.filter(
    (destination) =>
      !destination.roles ||
      destination.roles.some((role) => me.roles.includes(role)) ||
      (destination.agencyKinds ?? []).includes(me.agencyKind),
  );
  return (
    <header className="top-bar">
      <NavLink className="brand" to="/" end>
        Caseroom
      </NavLink>
      <nav aria-label="Main">
        <ul>
          {visible.map((destination) => (
            <li key={destination.to}>
              <NavLink to={destination.to} end={destination.end}>
                {destination.label}
                {destination.Extra && <destination.Extra />}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        <span>{me.name}</span>
        <NavLink to="/account">Your account</NavLink>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
