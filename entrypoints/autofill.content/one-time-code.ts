import { deepInputs } from './deep-inputs';
import { CODE_TYPES, isCodeBox, isOneTimeCode, isPaymentInput, looksShown } from './field-kinds';

// Where a one-time code goes: a box marked autocomplete="one-time-code", four to eight
// one-character boxes side by side (a digit each), or a short or numeric box named for the code —
// in that order of trust. Only boxes the page shows count, and beside a login form only the
// form's own: the code must not land in a card's security-code box or a box elsewhere on the page.

export type CodeFields = { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

const isDigitBox = (input: HTMLInputElement) => CODE_TYPES.has(input.type) && input.maxLength === 1 && !input.disabled && !input.readOnly && !isPaymentInput(input);

/** Four to eight one-character boxes in a row that share a parent: a code typed one digit per box. */
function splitBoxes(inputs: HTMLInputElement[]): HTMLInputElement[] | null {
  for (let start = 0; start < inputs.length; start++) {
    const run: HTMLInputElement[] = [];
    for (let at = start; at < inputs.length && isDigitBox(inputs[at]!); at++) {
      const box = inputs[at]!;
      // Side by side: the same parent, or parents that are siblings (a box per wrapper).
      if (run.length > 0 && box.parentElement !== run[0]!.parentElement && box.parentElement?.parentElement !== run[0]!.parentElement?.parentElement) break;
      run.push(box);
    }
    if (run.length >= 4 && run.length <= 8) return run;
  }
  return null;
}

/** The one-time-code fields among `inputs` (a login form's, or the page's when it has none), or null. */
export function findCodeFields(inputs: HTMLInputElement[]): CodeFields | null {
  const shown = inputs.filter(looksShown);
  const marked = shown.find(isOneTimeCode);
  if (marked) return { kind: 'single', input: marked };
  const split = splitBoxes(shown);
  if (split) return { kind: 'split', inputs: split };
  const named = shown.find(isCodeBox);
  return named ? { kind: 'single', input: named } : null;
}

/** The inputs a code may go in: the login form's when there is one, else the whole page's. */
export function codeScope(root: Document | ShadowRoot, loginInput: HTMLInputElement | null): HTMLInputElement[] {
  const form = loginInput?.form;
  if (form) return [...form.elements].filter((element): element is HTMLInputElement => element instanceof HTMLInputElement);
  return deepInputs(root);
}

/** The fields and the value each takes: the whole code in one box, or a digit per box. */
export function codeTargets(fields: CodeFields, code: string): { input: HTMLInputElement; value: string }[] {
  if (fields.kind === 'single') return [{ input: fields.input, value: code }];
  if (fields.inputs.length !== code.length) return [];
  return fields.inputs.map((input, index) => ({ input, value: code[index]! }));
}
