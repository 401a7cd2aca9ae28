import { Link } from 'react-router';
import { useScreenTitle } from '../lib/screen-title';

export function NotFoundRoute() {
  useScreenTitle('Not found');
  return (
    <section className="card">
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        There is nothing here. <Link to="/">Back to your conferences</Link>
      </p>
    </section>
  );
}
