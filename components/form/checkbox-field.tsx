/** A checkbox with its label; `disabled` with a `note` explains why it cannot be changed. */
export function CheckboxField({ label, checked, onChecked, disabled, note }: { label: string; checked: boolean; onChecked(checked: boolean): void; disabled?: boolean; note?: string }) {
  return (
    <label class="check" title={note}>
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChecked(event.currentTarget.checked)} />
      {label}
    </label>
  );
}
