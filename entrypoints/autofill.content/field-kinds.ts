// What an input is for, read from its type, autocomplete token and names. Each test is cheap and
// local to the input: detection runs over every input of a page.

const TEXTUAL_TYPES = new Set(['text', 'email', 'tel', '']);
const USERNAME_WORDS = /user|login|e-?mail|account|identifier|ident|username|benutzer|usuario|utilisateur|courriel|账号|用户/i;
const SEARCH_WORDS = /search|query|^q$|recherche|suche|buscar|搜索/i;

/** The input's own words: name, id, placeholder, aria-label, and the text of its label. */
function wordsOf(input: HTMLInputElement): string {
  const label = input.labels?.[0]?.textContent ?? '';
  return [input.name, input.id, input.placeholder, input.getAttribute('aria-label') ?? '', label].join(' ');
}

export function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** A password box a login fills: not one a sign-up or change-password form asks to invent. */
export function isCurrentPassword(input: HTMLInputElement): boolean {
  return input.type === 'password' && !autocompleteTokens(input).includes('new-password');
}

export function isSearchInput(input: HTMLInputElement): boolean {
  return input.type === 'search' || input.getAttribute('role') === 'searchbox' || input.closest('[role="search"]') !== null || SEARCH_WORDS.test(`${input.name} ${input.id}`);
}

/** A box marked for a one-time code (a whole code, or one digit of a code split over several boxes). */
export function isOneTimeCode(input: HTMLInputElement): boolean {
  return autocompleteTokens(input).includes('one-time-code');
}

// Whole words only ("otp" in a name, never "code" alone: a postcode or a discount code is not a
// one-time code), camelCase split first so "otpCode" and "mfaToken" read as words.
const CODE_WORDS = /\b(otp|totp|2fa|mfa|twofa|tfa)\b|one.?time|verification.?code|auth(entication)?.?code|two.?factor/i;
/** The input types a one-time code (or one digit of it) is typed into. */
export const CODE_TYPES: ReadonlySet<string> = new Set(['text', 'tel', 'number', '']);

/** A box a one-time code goes in: marked so, or short or numeric and named for it; never a card box. */
export function isCodeBox(input: HTMLInputElement): boolean {
  if (!CODE_TYPES.has(input.type) || input.disabled || input.readOnly || isPaymentInput(input)) return false;
  if (isOneTimeCode(input)) return true;
  const shortOrNumeric = (input.maxLength >= 4 && input.maxLength <= 10) || input.inputMode === 'numeric' || input.type === 'tel' || input.type === 'number';
  const named = `${input.name} ${input.id} ${input.placeholder} ${input.getAttribute('aria-label') ?? ''}`.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ');
  return shortOrNumeric && CODE_WORDS.test(named);
}

/** Whether the page shows the box at all (cheap: no layout query); fill-safety.ts checks properly at fill time. */
export function looksShown(input: HTMLInputElement): boolean {
  if (input.hidden || input.closest('[hidden], [aria-hidden="true"], [inert]')) return false;
  return typeof input.checkVisibility !== 'function' || input.checkVisibility({ visibilityProperty: true });
}

/** Card numbers, security codes and expiry dates: what payment forms hold and login forms never do. */
export function isPaymentInput(input: HTMLInputElement): boolean {
  return autocompleteTokens(input).some((token) => token.startsWith('cc-')) || /card.?number|cvc|cvv|expir/i.test(`${input.name} ${input.id}`);
}

/**
 * How much the input looks like the login of a login form: 3 for `autocomplete="username"` (or
 * email), 2 for an email box, 1 for a name that says so, 0 for another text box, -1 when it cannot
 * be one (not a text box, a search, a code, a card number).
 */
export function usernameScore(input: HTMLInputElement): number {
  if (!TEXTUAL_TYPES.has(input.type) && input.type !== 'email') return -1;
  if (isSearchInput(input) || isCodeBox(input) || isPaymentInput(input)) return -1;
  const tokens = autocompleteTokens(input);
  if (tokens.includes('username') || tokens.includes('email')) return 3;
  if (input.type === 'email') return 2;
  return USERNAME_WORDS.test(wordsOf(input)) ? 1 : 0;
}

const NEWSLETTER_WORDS = /newsletter|subscri|abonn|suscrib|订阅/i;

/** An email box of a newsletter sign-up: its form (or, without one, the input itself) speaks of subscribing. */
export function isNewsletterInput(input: HTMLInputElement): boolean {
  const form = input.form;
  const said = form ? `${form.id} ${form.className} ${form.getAttribute('action') ?? ''} ${form.textContent ?? ''}` : `${input.name} ${input.id} ${input.placeholder}`;
  return NEWSLETTER_WORDS.test(said);
}
