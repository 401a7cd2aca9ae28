import { compartments, type Compartment } from '@caseroom/contracts';
import { compartmentLabels } from './compartments';

/** A choice of compartment, each named in words: where a decision or action is recorded, or where text moves to. */
export function CompartmentSelect({
  id,
  label,
  value,
  onChange,
  options = compartments,
  isLabelHidden = false,
}: {
  id: string;
  label: string;
  value: Compartment;
  onChange: (compartment: Compartment) => void;
  options?: readonly Compartment[];
  isLabelHidden?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className={isLabelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Compartment)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {compartmentLabels[option]}
          </option>
        ))}
      </select>
    </>
  );
}
