/**
 * The value `input` will have once the edit a `beforeinput` event announces is applied, for plain
 * typing (a character over the caret or the selection); null for anything else (composition,
 * deletion, paste, drop), which the `input` event that follows covers.
 */
export function valueAfterTyping(input: HTMLInputElement, event: InputEvent): string | null {
  if (event.inputType !== 'insertText' || event.isComposing || event.data === null) return null;
  const { selectionStart: start, selectionEnd: end, value } = input;
  if (start === null || end === null) return null;
  return value.slice(0, start) + event.data + value.slice(end);
}
