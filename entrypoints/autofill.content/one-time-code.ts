import { deepInputs } from './deep-inputs';
import { isOneTimeCode } from './field-kinds';

// Where a one-time code goes: one box (autocomplete="one-time-code", or a short numeric box whose
// name says code, OTP, 2FA or verification), or a code split over several one-character boxes side
// by side, one digit each.

export type CodeFields = { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

// Whole words only: "otp" in a name, never "code" alone (a postcode is not a one-time code).
const CODE_WORDS = /(^|[^a-z])(otp|totp|2fa|mfa|twofa|tfa)([^a-z]|$)|one.?time|verification.?code|security.?code|auth(entication)?.?code|two.?factor|passcode/i;
const TEXTUAL = new Set(['text', 'tel', 'number', '']);

function looksLikeCodeBox(input: HTMLInputElement): boolean {
  if (!TEXTUAL.has(input.type) || input.disabled || input.readOnly) return false;
  if (isOneTimeCode(input)) return true;
  const shortOrNumeric = (input.maxLength >= 4 && input.maxLength <= 10) || input.inputMode === 'numeric' || input.type === 'tel' || input.type === 'number';
  return shortOrNumeric && CODE_WORDS.test(`${input.name} ${input.id} ${input.placeholder} ${input.getAttribute('aria-label') ?? ''}`);
}

const isDigitBox = (input: HTMLInputElement) => TEXTUAL.has(input.type) && input.maxLength === 1 && !input.disabled && !input.readOnly;

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

/** The page's one-time-code fields, or null when it has none. */
export function findCodeFields(root: Document | ShadowRoot): CodeFields | null {
  const inputs = deepInputs(root);
  const split = splitBoxes(inputs);
  if (split) return { kind: 'split', inputs: split };
  const single = inputs.find(looksLikeCodeBox);
  return single ? { kind: 'single', input: single } : null;
}

/** The fields and the value each takes: the whole code in one box, or a digit per box. */
export function codeTargets(fields: CodeFields, code: string): { input: HTMLInputElement; value: string }[] {
  if (fields.kind === 'single') return [{ input: fields.input, value: code }];
  if (fields.inputs.length !== code.length) return [];
  return fields.inputs.map((input, index) => ({ input, value: code[index]! }));
}
