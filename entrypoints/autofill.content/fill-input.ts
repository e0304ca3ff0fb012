// Puts values into fields the way typing would, so the page's framework keeps them: React tracks
// the value through the native setter and listens for `input`; Vue's v-model listens for `input`;
// Angular's forms for `input` and, on blur, `change`. The setter is the isolated world's own copy of
// the prototype's, which the page cannot replace.

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

/** The boxes Keyhold filled on this page: their values are the user's own (login-capture.ts). */
export const filledByKeyhold = new WeakSet<HTMLInputElement>();

/**
 * Fills every field, then tells the page: all values are set before the first event, so no page
 * handler can run between the safety checks and the last value (and, say, uncover a decoy or turn
 * the password box into a text box). The caret stays in the last field, so Enter signs in.
 */
export function fillInputs(targets: readonly { input: HTMLInputElement; value: string }[]): void {
  for (const { input, value } of targets) {
    setValue.call(input, value);
    filledByKeyhold.add(input);
  }
  targets.forEach(({ input, value }, index) => {
    input.focus({ preventScroll: true });
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    if (index < targets.length - 1) input.blur();
    // The last field keeps the caret, yet forms that take a value on blur (Angular's updateOn: 'blur')
    // must see it before Enter submits: they are told as a blur would tell them.
    else for (const type of ['blur', 'focusout']) input.dispatchEvent(new FocusEvent(type, { bubbles: type === 'focusout', composed: true }));
  });
}
