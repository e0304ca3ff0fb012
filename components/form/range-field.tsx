import { useId } from 'preact/hooks';

/** A whole number chosen with a slider or typed in a box beside it; both carry the same label. */
export interface RangeFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onValue(value: number): void;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** A slider and a number box for one value; a typed value outside the range is brought back into it. */
export function RangeField({ label, value, min, max, onValue }: RangeFieldProps) {
  const id = useId();
  const commit = (input: HTMLInputElement) => {
    const number = Number(input.value);
    const next = input.value !== '' && Number.isFinite(number) ? clamp(number, min, max) : value;
    // Written back at once: when the clamped value equals the current one, a re-render changes nothing.
    input.value = String(next);
    if (next !== value) onValue(next);
  };
  return (
    <div class="field range">
      <label id={`${id}-label`} for={id}>
        {label}
      </label>
      <div class="field-row">
        <input id={id} type="range" min={min} max={max} value={value} onInput={(event) => commit(event.currentTarget)} />
        <input type="number" min={min} max={max} value={value} aria-labelledby={`${id}-label`} onChange={(event) => commit(event.currentTarget)} />
      </div>
    </div>
  );
}
