import { useId } from 'preact/hooks';

/** One choice of a select: its value, its label, and the language the label is written in. */
export interface SelectOption {
  value: string;
  label: string;
  lang?: string;
}

/** A labelled select that reports the chosen value. */
export function SelectField({ label, value, options, onValue }: { label: string; value: string; options: readonly SelectOption[]; onValue(value: string): void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onValue(event.currentTarget.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
