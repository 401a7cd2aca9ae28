import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AgenciesRoute } from './administration/agencies';
import { AgencyRoute } from './administration/agency';
import { NewPersonRoute } from './administration/new-person';
import { PeopleRoute } from './administration/people';
import { PersonRoute } from './administration/person';
import { RetentionRoute } from './administration/retention';
import { NotFoundRoute } from './not-found';

/**
 * Administration: the agencies, units and people the access policy reads. Every screen reads through
 * routes only administrators hold, so anyone else is refused by the API and told so.
 */
export function AdministrationRoute() {
  return (
    <>
      <nav aria-label="Administration" className="sub-nav">
        <ul>
          <li>
            <NavLink to="/administration/agencies">Agencies and units</NavLink>
          </li>
          <li>
            <NavLink to="/administration/people">People</NavLink>
          </li>
          <li>
            <NavLink to="/administration/retention">Retention</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="agencies" replace />} />
        <Route path="agencies" element={<AgenciesRoute />} />
        <Route path="agencies/:agencyId" element={<AgencyRoute />} />
        <Route path="people" element={<PeopleRoute />} />
        <Route path="people/new" element={<NewPersonRoute />} />
        <Route path="people/:userId" element={<PersonRoute />} />
        <Route path="retention" element={<RetentionRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </>
  );
}
