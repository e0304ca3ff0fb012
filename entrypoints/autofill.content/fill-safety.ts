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

/** Whether the field is what the user sees at its centre and near each corner (hit testing, which looks into shadow roots). */
function isOnTop(input: HTMLInputElement, rect: DOMRect): boolean {
  const points = [
    [0.5, 0.5],
    [0.2, 0.25],
    [0.8, 0.25],
    [0.2, 0.75],
    [0.8, 0.75],
  ].map(([fx, fy]) => [rect.left + rect.width * fx!, rect.top + rect.height * fy!] as const);
  return points.every(([x, y]) => {
    const top = topmostAt(x, y);
    return top !== null && (top === input || input.contains(top));
  });
}

/** How many elements near the field the decoy search reads at most: its cost stays bounded on huge pages. */
const DECOY_SEARCH_LIMIT = 5_000;

function opaqueBackground(style: CSSStyleDeclaration): boolean {
  if (style.backgroundImage !== 'none') return true;
  const alpha = /rgba?\(([^)]+)\)/.exec(style.backgroundColor)?.[1]?.split(',')[3];
  return style.backgroundColor !== 'transparent' && (alpha === undefined || Number(alpha) >= MIN_OPACITY);
}

/**
 * Hit testing skips elements with `pointer-events: none`, so a decoy drawn over the form that way
 * passes isOnTop: clicks reach the form while the eye sees the decoy. Such a decoy is looked for
 * among the elements around the field — the children and grandchildren of each of its ancestors,
 * a bounded number — as one that is shown, opaque, takes no pointer events and covers most of the
 * field. The field's own labels and what sits inside its own wrapper (floating placeholders) are
 * not decoys. Forcing pointer events on every element for the hit test would find any such decoy,
 * but costs a style recalculation of the whole page (over a second at 200,000 elements) and counts
 * every floating label as a cover.
 */
function decoyOver(input: HTMLInputElement, rect: DOMRect): boolean {
  const own = new Set<Element>([...(input.labels ?? [])]);
  const wrapper = input.parentElement;
  let read = 0;
  const covers = (element: Element): boolean => {
    if (own.has(element) || element.contains(input) || (wrapper && wrapper.contains(element) && element !== wrapper)) return false;
    const style = getComputedStyle(element);
    if (style.pointerEvents !== 'none' || style.visibility !== 'visible' || style.display === 'none' || Number(style.opacity) < MIN_OPACITY || !opaqueBackground(style)) return false;
    const box = element.getBoundingClientRect();
    const overlap = Math.max(0, Math.min(box.right, rect.right) - Math.max(box.left, rect.left)) * Math.max(0, Math.min(box.bottom, rect.bottom) - Math.max(box.top, rect.top));
    return overlap >= (rect.width * rect.height) / 2;
  };
  for (let ancestor = input.parentElement; ancestor; ancestor = ancestor.parentElement) {
    for (const child of ancestor.children) {
      for (const element of [child, ...child.children]) {
        if (++read > DECOY_SEARCH_LIMIT) return false;
        if (covers(element)) return true;
      }
    }
  }
  return false;
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
  return isOnTop(input, rect) && !decoyOver(input, rect) ? null : 'covered';
}
