import { compartments, type Compartment } from '@caseroom/contracts';
import { compartmentLabels } from '../notes/compartments';

/** "Recorded in": the compartment a decision or an action is kept in, which decides who may read it. */
export function CompartmentSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Compartment;
  onChange: (compartment: Compartment) => void;
}) {
  return (
    <>
      <label htmlFor={id}>Recorded in</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Compartment)}>
        {compartments.map((option) => (
          <option key={option} value={option}>
            {compartmentLabels[option]}
          </option>
        ))}
      </select>
    </>
  );
}
