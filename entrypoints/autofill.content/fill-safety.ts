import { shadowRootReader } from './deep-inputs';
import { flatParent } from './flat-tree';

// Whether a field may be filled (docs/autofill.md, "Filling"): a page must not get a credential into
// a box the user cannot see — hidden, small, transparent, masked or covered fields, honeypots — the
// DOM-clickjacking attacks published in 2025 hide the real form this way under a decoy.

/** Why a field must not be filled, or null when it may be. */
export type FillProblem = 'detached' | 'disabled' | 'hidden' | 'zeroSize' | 'transparent' | 'covered';

/** Below this combined opacity (the field's own times every ancestor's) a field counts as invisible. */
export const MIN_OPACITY = 0.5;
/** Smaller than this (px, either way) is not a box anyone types in. */
export const MIN_SIZE = 10;

/** The product of every `opacity()` in a CSS filter. */
function filterOpacity(filter: string): number {
  let opacity = 1;
  for (const match of filter.matchAll(/opacity\(\s*([\d.]+)(%?)\s*\)/g)) opacity *= Number(match[1]) / (match[2] ? 100 : 1);
  return opacity;
}

/** The field's opacity as painted — its own and every flat-tree ancestor's, `html` and `body` included — or 0 under a mask. */
function paintedOpacity(input: Element): number {
  let opacity = 1;
  for (let element: Element | null = input; element; element = flatParent(element)) {
    const style = getComputedStyle(element);
    // A mask can make any part of a box invisible; login forms do not use one.
    if ((style.maskImage || style.getPropertyValue('-webkit-mask-image') || 'none') !== 'none') return 0;
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

/**
 * Whether the field is what the user sees at its centre and near each corner. Hit testing skips
 * elements with `pointer-events: none`, so a decoy drawn over the form that way would not count:
 * while testing, every element takes pointer events (a style added and removed again before any
 * page script can run).
 */
function isOnTop(input: HTMLInputElement, rect: DOMRect): boolean {
  const points = [
    [0.5, 0.5],
    [0.2, 0.25],
    [0.8, 0.25],
    [0.2, 0.75],
    [0.8, 0.75],
  ].map(([fx, fy]) => [rect.left + rect.width * fx!, rect.top + rect.height * fy!] as const);
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { pointer-events: auto !important; }';
  document.documentElement.append(style);
  try {
    return points.every(([x, y]) => {
      const top = topmostAt(x, y);
      return top !== null && (top === input || input.contains(top));
    });
  } finally {
    style.remove();
  }
}

export function fillProblem(input: HTMLInputElement): FillProblem | null {
  if (!input.isConnected) return 'detached';
  if (input.disabled || input.readOnly) return 'disabled';
  if (input.closest('[aria-hidden="true"], [inert]') || input.type === 'hidden') return 'hidden';
  const style = getComputedStyle(input);
  if (style.visibility !== 'visible' || style.display === 'none') return 'hidden';
  if (typeof input.checkVisibility === 'function' && !input.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return 'hidden';
  let rect = input.getBoundingClientRect();
  if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) return 'zeroSize';
  if (paintedOpacity(input) < MIN_OPACITY) return 'transparent';
  // Below the fold: bring it into view before looking. A field the page pushed out of reach stays
  // out of view and is refused as covered.
  if (rect.bottom < 0 || rect.right < 0 || rect.top > innerHeight || rect.left > innerWidth) {
    input.scrollIntoView({ block: 'center', inline: 'center' });
    rect = input.getBoundingClientRect();
  }
  return isOnTop(input, rect) ? null : 'covered';
}
