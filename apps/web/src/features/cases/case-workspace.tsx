import { useEffect, useRef, useState } from 'react';
import type { CaseView, Compartment, ConferenceView, CurrentItemView } from '@caseroom/contracts';
import type { LiveClient } from '../../lib/live-client';
import { LiveNotesProvider } from '../../lib/notes-provider';
import { Link } from 'react-router';
import { useApiResource } from '../../lib/query';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { DecisionsSection } from '../decisions/decisions-section';
import { CompartmentTabs } from '../notes/compartment-tabs';
import { colourFor } from '../notes/compartments';
import { NotesEditor } from '../notes/notes-editor';
import { CaseFields } from './case-fields';
import { SelectionActions } from './selection-actions';

/**
 * The case under discussion, as this person may see it: only the compartments the server admitted are
 * opened; the rest are tabs marked unavailable. Unmounted (and every copy dropped) when the item changes.
 */
export function CaseWorkspace({
  live,
  conference,
  item,
  round,
  isChair,
}: {
  live: LiveClient;
  conference: ConferenceView;
  item: CurrentItemView;
  round: number;
  isChair: boolean;
}) {
  const { me, agencies } = useSession();
  // The access log is for the chair, PSD and the IOPC; the server refuses anyone else in any case.
  const mayAudit = isChair || me.roles.includes('psd') || agencies.get(me.agencyId)?.kind === 'iopc';
  const [providers, setProviders] = useState<ReadonlyMap<Compartment, LiveNotesProvider>>(new Map());
  const admittedKey = item.admitted.join(',');

  useEffect(() => {
    const user = { name: me.name, color: colourFor(me.id) };
    const made = new Map(item.admitted.map((compartment) => [compartment, new LiveNotesProvider(live, item.caseId, compartment, user)]));
    setProviders(made);
    for (const provider of made.values()) void provider.open();
    return () => {
      for (const provider of made.values()) provider.destroy();
    };
    // The admitted list is compared by value: a new array with the same compartments keeps the documents.
  }, [live, item.caseId, admittedKey, me.id, me.name]);

  // The server sends the item again after a reconnection: sync again, keeping what was typed meanwhile.
  const firstRound = useRef(round);
  useEffect(() => {
    if (round !== firstRound.current) for (const provider of providers.values()) void provider.open();
  }, [round]);

  const record = useApiResource<CaseView>(['case', item.caseId], `/api/cases/${item.caseId}`);

  return (
    <section aria-labelledby="case-heading">
      <div className="card">
        <h2 id="case-heading">
          Item {item.position}: {item.reference}
        </h2>
        {record.data?.structure && (
          <p className="badge police-connected" data-testid="police-connected">
            {wordsFor(record.data.structure.policeConnected.victim ? 'police_connected_both' : 'police_connected_suspect')}
          </p>
        )}
        {mayAudit && (
          <p>
            <Link to={`/cases/${item.caseId}/access`}>Who has seen this case</Link>
          </p>
        )}
        <CompartmentTabs
          admitted={item.admitted}
          render={(compartment) => (
            <>
              {record.data?.compartments[compartment] && <CaseFields view={record.data.compartments[compartment]} />}
              {providers.get(compartment) && (
                <NotesEditor
                  provider={providers.get(compartment)!}
                  compartment={compartment}
                  actions={(selection) => (
                    <SelectionActions
                      live={live}
                      caseId={item.caseId}
                      compartment={compartment}
                      admitted={item.admitted}
                      isChair={isChair}
                      selection={selection}
                    />
                  )}
                />
              )}
            </>
          )}
        />
      </div>
      {item.admitted.includes('panel') && (
        <DecisionsSection live={live} conference={conference} caseId={item.caseId} record={record.data} isChair={isChair} />
      )}
    </section>
  );
}
