// Puts a value into a field the way typing would, so the page's framework keeps it: React tracks
// the value through the native setter and listens for `input`; Vue's v-model listens for `input`;
// Angular's forms for `input` and, on blur, `change`. The setter is the isolated world's own copy of
// the prototype's, which the page cannot replace.

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

/** Fills `input` with `value` and sends the events a user's typing would; `keepFocus` leaves the caret in it. */
export function fillInput(input: HTMLInputElement, value: string, keepFocus: boolean): void {
  input.focus({ preventScroll: true });
  setValue.call(input, value);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  if (!keepFocus) input.blur();
}
