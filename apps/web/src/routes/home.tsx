import { Navigate } from 'react-router';
import { useSession } from '../session';
import { ConferencesRoute } from './conferences';

/** Where Caseroom opens: the conferences, or Administration for someone who only administers (they take part in no case). */
export function HomeRoute() {
  const { me } = useSession();
  return me.roles.every((role) => role === 'administrator') ? <Navigate to="/administration" replace /> : <ConferencesRoute />;
}
