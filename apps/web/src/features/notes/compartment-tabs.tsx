import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { compartments, type Compartment } from '@caseroom/contracts';
import { compartmentDescriptions, compartmentLabels } from './compartments';

/**
 * The four compartments as tabs, labelled in words and coloured. A compartment the policy does not
 * admit shows as unavailable and renders nothing of the case: its panel is the same sentence for everyone.
 */
export function CompartmentTabs({
  admitted,
  render,
}: {
  admitted: readonly Compartment[];
  render: (compartment: Compartment) => ReactNode;
}) {
  const [selected, setSelected] = useState<Compartment>(admitted[0] ?? 'panel');
  const tabs = useRef(new Map<Compartment, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = compartments.indexOf(selected);
    const next =
      event.key === 'ArrowRight'
        ? compartments[(index + 1) % compartments.length]
        : event.key === 'ArrowLeft'
          ? compartments[(index + compartments.length - 1) % compartments.length]
          : event.key === 'Home'
            ? compartments[0]
            : event.key === 'End'
              ? compartments[compartments.length - 1]
              : null;
    if (!next) return;
    event.preventDefault();
    setSelected(next);
    tabs.current.get(next)?.focus();
  };

  return (
    <div>
      <div role="tablist" aria-label="Compartments" className="tabs">
        {compartments.map((compartment) => {
          const isAdmitted = admitted.includes(compartment);
          const isSelected = compartment === selected;
          return (
            <button
              key={compartment}
              ref={(element) => {
                if (element) tabs.current.set(compartment, element);
              }}
              type="button"
              role="tab"
              id={`tab-${compartment}`}
              aria-selected={isSelected}
              aria-controls={`panel-${compartment}`}
              tabIndex={isSelected ? 0 : -1}
              className={`tab c-${compartment}${isAdmitted ? '' : ' denied'}`}
              onClick={() => setSelected(compartment)}
              onKeyDown={onKeyDown}
            >
              {compartmentLabels[compartment]}
              {!isAdmitted && <span className="state"> (unavailable)</span>}
            </button>
          );
        })}
      </div>
      {compartments.map((compartment) => {
        const isAdmitted = admitted.includes(compartment);
        return (
          <div
            key={compartment}
            role="tabpanel"
            id={`panel-${compartment}`}
            aria-labelledby={`tab-${compartment}`}
            hidden={compartment !== selected}
            className={`compartment-panel c-${compartment}${isAdmitted ? '' : ' denied'}`}
            tabIndex={0}
          >
            {isAdmitted ? (
              <>
                <p className="hint">{compartmentDescriptions[compartment]}</p>
                {render(compartment)}
              </>
            ) : (
              <p data-testid={`unavailable-${compartment}`}>
                <strong>Unavailable.</strong> You are not admitted to the {compartmentLabels[compartment].toLowerCase()} compartment of this
                case.
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
