import { shadowRootReader } from './deep-inputs';

// Whether a field may be filled (docs/autofill.md, "Filling"): a page must not get a credential into
// a box the user cannot see — hidden, zero-size, transparent or covered fields, honeypots — the
// DOM-clickjacking attacks published in 2025 hide the real form this way under a decoy.

/** Why a field must not be filled, or null when it may be. */
export type FillProblem = 'detached' | 'disabled' | 'hidden' | 'zeroSize' | 'transparent' | 'covered';

/** Below this combined opacity (the field's own times every ancestor's) a field counts as invisible. */
export const MIN_OPACITY = 0.5;

/** The element's parent, crossing out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  return element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
}

function filterOpacity(filter: string): number {
  const match = /opacity\(\s*([\d.]+)(%?)\s*\)/.exec(filter);
  if (!match) return 1;
  return Number(match[1]) / (match[2] ? 100 : 1);
}

/** The field's opacity as painted: its own and every ancestor's, `html` and `body` included. */
function paintedOpacity(input: Element): number {
  let opacity = 1;
  for (let element: Element | null = input; element; element = parentOf(element)) {
    const style = getComputedStyle(element);
    opacity *= Number(style.opacity) * filterOpacity(style.filter);
  }
  return opacity;
}

/** The topmost element at a point, looking into shadow roots, closed ones included. */
function topmostAt(x: number, y: number): Element | null {
  const shadowOf = shadowRootReader();
  let found = document.elementFromPoint(x, y);
  for (let shadow = found && shadowOf(found); found && shadow; shadow = shadowOf(found)) {
    const inner = shadow.elementFromPoint(x, y);
    if (!inner || inner === found) break;
    found = inner;
  }
  return found;
}

/** Whether what the user sees at the field's centre is the field itself (or its own contents). */
function isOnTop(input: HTMLInputElement, rect: DOMRect): boolean {
  const top = topmostAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
  return top !== null && (top === input || input.contains(top));
}

export function fillProblem(input: HTMLInputElement): FillProblem | null {
  if (!input.isConnected) return 'detached';
  if (input.disabled || input.readOnly) return 'disabled';
  if (input.closest('[aria-hidden="true"], [inert]') || input.type === 'hidden') return 'hidden';
  const style = getComputedStyle(input);
  if (style.visibility !== 'visible' || style.display === 'none') return 'hidden';
  let rect = input.getBoundingClientRect();
  if (rect.width < 4 || rect.height < 4) return 'zeroSize';
  if (paintedOpacity(input) < MIN_OPACITY) return 'transparent';
  // Off screen (scrolled away, or pushed out of view on purpose): bring it into view before looking.
  if (rect.bottom < 0 || rect.right < 0 || rect.top > innerHeight || rect.left > innerWidth) {
    input.scrollIntoView({ block: 'center', inline: 'center' });
    rect = input.getBoundingClientRect();
  }
  return isOnTop(input, rect) ? null : 'covered';
}
