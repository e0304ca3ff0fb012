import { deepInputs } from './deep-inputs';
import { autocompleteTokens, looksShown } from './field-kinds';

// Where a new password goes (docs/autofill.md, "Generating"): the boxes of a sign-up or
// change-password form — those marked `autocomplete="new-password"`, else a form's two boxes
// (password and repeat) or the last two of three (current, new, repeat) — and the current-password
// box of a change-password form. The field's `passwordrules` attribute says what the site accepts.

export interface NewPasswordFields {
  /** The new password's box and its repeat, when the form has one. */
  fresh: HTMLInputElement[];
  current: HTMLInputElement | null;
  /** The first new box's `passwordrules`, as the page wrote it. */
  rules: string | null;
}

function groupsByForm(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const groups = new Map<HTMLFormElement | null, HTMLInputElement[]>();
  for (const input of inputs) groups.set(input.form, [...(groups.get(input.form) ?? []), input]);
  return [...groups.values()];
}

function newPasswordBoxesOf(group: HTMLInputElement[]): NewPasswordFields | null {
  const marked = group.filter((input) => autocompleteTokens(input).includes('new-password'));
  const current = group.find((input) => autocompleteTokens(input).includes('current-password')) ?? null;
  let fresh = marked;
  if (fresh.length === 0 && group.length === 2) fresh = group;
  if (fresh.length === 0 && group.length === 3) fresh = group.slice(1);
  if (fresh.length === 0) return null;
  return { fresh, current: current ?? (group.length === 3 && marked.length === 0 ? group[0]! : null), rules: fresh[0]!.getAttribute('passwordrules') };
}

/** The form of `near` when it asks for a new password, else the page's first form that does, or null; `inputs`: the page's deepInputs when the caller has them already. */
export function findNewPasswordFields(root: Document, near: HTMLInputElement | null = null, inputs: HTMLInputElement[] = deepInputs(root)): NewPasswordFields | null {
  const boxes = inputs.filter((input) => input.type === 'password' && !input.disabled && !input.readOnly && looksShown(input));
  const groups = groupsByForm(boxes);
  // The menu's own box first: a fill goes to the form the menu was opened on.
  if (near) groups.sort((a, b) => Number(b.includes(near)) - Number(a.includes(near)));
  for (const group of groups) {
    const found = newPasswordBoxesOf(group);
    if (found) return found;
  }
  return null;
}
