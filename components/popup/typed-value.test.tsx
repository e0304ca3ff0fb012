// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { valueAfterTyping } from './typed-value';

function box(value: string, start: number, end = start): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'search';
  input.value = value;
  input.setSelectionRange(start, end);
  return input;
}

const typing = (data: string, init: InputEventInit = {}) => new InputEvent('beforeinput', { inputType: 'insertText', data, ...init });

describe('valueAfterTyping', () => {
  it('puts the typed character at the caret', () => {
    expect(valueAfterTyping(box('gt', 1), typing('i'))).toBe('git');
    expect(valueAfterTyping(box('', 0), typing('g'))).toBe('g');
  });

  it('replaces the selection with it', () => {
    expect(valueAfterTyping(box('slack 42', 6, 8), typing('7'))).toBe('slack 7');
  });

  it('leaves deletion, composition and pasting to the input event', () => {
    expect(valueAfterTyping(box('git', 3), new InputEvent('beforeinput', { inputType: 'deleteContentBackward' }))).toBeNull();
    expect(valueAfterTyping(box('', 0), typing('に', { isComposing: true }))).toBeNull();
    expect(valueAfterTyping(box('', 0), new InputEvent('beforeinput', { inputType: 'insertFromPaste', data: 'git' }))).toBeNull();
  });
});
