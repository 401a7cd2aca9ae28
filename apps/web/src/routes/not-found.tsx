import { Link, useScreenTitle } from '../lib/router';

export function NotFoundRoute() {
  useScreenTitle('Not found');
  return (
    <section className="card">
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        There is nothing here. <Link href="/">Back to your conferences</Link>
      </p>
    </section>
  );
}
