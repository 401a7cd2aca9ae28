import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { CreatedUserView } from '@caseroom/contracts';

/**
 * The new account's one-time password, shown this once: Caseroom keeps only its hash, and this page's
 * memory lets go of it when the administrator moves on.
 */
export function OneTimePassword({ created, onAnother }: { created: CreatedUserView; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card one-time" aria-labelledby="created-heading">
      <h2 id="created-heading" tabIndex={-1} ref={heading}>
        The account of {created.name} is created
      </h2>
      <p>Their one-time password:</p>
      <p className="one-time-password">
        <code data-testid="one-time-password">{created.initialPassword}</code>
      </p>
      <p className="warning">
        <strong>It is not shown again.</strong> Caseroom keeps only a scrambled form of it, so once you leave this page nobody can see it.
        Note it now and give it to {created.name} by a safe channel, separately from their e-mail address.
      </p>
      <p>
        They sign in with {created.email} and this password; if their role needs an authenticator, they set one up at their first sign-in.
      </p>
      <div className="actions">
        <Link className="button" to={`/administration/people/${created.id}`}>
          Open the record of {created.name}
        </Link>
        <button type="button" className="secondary" onClick={onAnother}>
          Add another person
        </button>
      </div>
    </section>
  );
}
