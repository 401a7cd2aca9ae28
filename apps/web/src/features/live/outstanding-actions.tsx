import type { OutstandingActionsView } from '@caseroom/contracts';
import { formatDate, wordsFor } from '../../lib/words';
import { useSession } from '../../session';

/** Actions from earlier meetings not yet done, by agenda item; only what this person may see. */
export function OutstandingActions({ items }: { items: readonly OutstandingActionsView[] }) {
  const { agencyName } = useSession();
  const withActions = items.filter((item) => item.actions.length > 0);
  if (withActions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="outstanding-heading">
      <h2 id="outstanding-heading">Outstanding actions</h2>
      {withActions.map((item) => (
        <div key={item.itemId}>
          <h3>{item.reference}</h3>
          <ul>
            {item.actions.map((action) => (
              <li key={action.id}>
                {action.text} ({agencyName(action.ownerAgencyId)}, due {formatDate(action.dueOn)}, {wordsFor(action.status).toLowerCase()}
                {action.isOverdue ? ', overdue' : ''})
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
