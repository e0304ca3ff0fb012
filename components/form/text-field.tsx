import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useAutoFocus } from './use-auto-focus';

/** A labelled single-line input. */
export interface TextFieldProps {
  label: string;
  value: string;
  onValue(value: string): void;
  type?: 'text' | 'url' | 'password';
  autocomplete?: string;
  hint?: string;
  placeholder?: string;
  inputMode?: 'text' | 'url' | 'numeric';
  pattern?: string;
  maxLength?: number;
  required?: boolean;
  invalid?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  /** Shown inside the field's row after the input, e.g. a show-password toggle. */
  trailing?: ComponentChildren;
  /** Extra description ids (a policy checklist, a meter) read with the hint. */
  describedBy?: string;
}

/** A labelled input with an optional hint; the label and hint are tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const ref = useAutoFocus<HTMLInputElement>(props.autoFocus ?? false);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, props.describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <div class="field-row">
        <input
          ref={ref}
          id={id}
          type={props.type ?? 'text'}
          value={props.value}
          onInput={(event) => props.onValue(event.currentTarget.value)}
          autocomplete={props.autocomplete}
          placeholder={props.placeholder}
          inputMode={props.inputMode}
          pattern={props.pattern}
          maxLength={props.maxLength}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          spellcheck={false}
          autocapitalize="off"
        />
        {props.trailing}
      </div>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
