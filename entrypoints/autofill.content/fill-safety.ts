import { shadowRootReader } from './deep-inputs';
import { flatParent } from './flat-tree';

// Whether a field may be filled (docs/autofill.md, "Filling"): a page must not get a credential into
// a box the user cannot see — hidden, small, transparent, masked, clipped or covered fields,
// honeypots — the DOM-clickjacking attacks published in 2025 hide the real form this way under a
// decoy.

/** Why a field must not be filled, or null when it may be. */
export type FillProblem = 'detached' | 'disabled' | 'hidden' | 'zeroSize' | 'transparent' | 'covered';

/** Below this combined opacity (the field's own times every ancestor's) a field counts as invisible. */
export const MIN_OPACITY = 0.5;
/** Smaller than this (px, either way) is not a box anyone types in. */
export const MIN_SIZE = 10;
/** How many elements around the field the decoy search reads at most: its cost stays bounded on huge pages. */
const DECOY_SEARCH_LIMIT = 5_000;
/** A field is covered when decoys are on top of it at this share of the sampled points or more. */
const MAX_COVERED_SHARE = 0.3;

type Point = readonly [number, number];

/** How much of the field a CSS filter leaves to see: every `opacity()` multiplied, 0 for a brightness or contrast that washes it out. */
function filterOpacity(filter: string): number {
  let opacity = 1;
  for (const match of filter.matchAll(/(opacity|brightness|contrast)\(\s*([\d.]+)(%?)\s*\)/g)) {
    const amount = Number(match[2]) / (match[3] ? 100 : 1);
    if (match[1] === 'opacity') opacity *= amount;
    else if (amount < 0.25 || (match[1] === 'brightness' && amount > 4)) return 0;
  }
  return opacity;
}

/** The field's opacity as painted — its own and every flat-tree ancestor's, `html` and `body` included — or 0 under a mask or a clip. */
export function paintedOpacity(input: Element): number {
  let opacity = 1;
  for (let element: Element | null = input; element; element = flatParent(element)) {
    const style = getComputedStyle(element);
    // A mask or a clip can leave any part of a box unseen (a speck at each point tested); login forms use neither.
    if ((style.maskImage || style.getPropertyValue('-webkit-mask-image') || 'none') !== 'none' || style.clipPath !== 'none' || (style.clip && style.clip !== 'auto')) return 0;
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

/** Points of the field the checks look at: a 3 × 3 grid inside it, and four more at random, so a cover with holes at known places does not pass. */
function samplePoints(rect: DOMRect): Point[] {
  const grid = [0.2, 0.5, 0.8].flatMap((fx) => [0.25, 0.5, 0.75].map((fy) => [fx, fy] as const));
  const random = Array.from({ length: 4 }, () => [0.1 + Math.random() * 0.8, 0.15 + Math.random() * 0.7] as const);
  return [...grid, ...random].map(([fx, fy]) => [rect.left + rect.width * fx, rect.top + rect.height * fy] as const);
}

/** Whether hit testing finds the field itself at every sampled point (looking into shadow roots); Keyhold's own icon in the field does not count as a cover. */
function isOnTop(input: HTMLInputElement, points: readonly Point[], ownUi: Element | null): boolean {
  return points.every(([x, y]) => {
    const hit = topmostAt(x, y);
    // Hit testing looks into our own closed root too: a hit anywhere in it is our icon.
    const ours = ownUi !== null && (hit === ownUi || (hit?.getRootNode() as ShadowRoot | Document | undefined) instanceof ShadowRoot && (hit!.getRootNode() as ShadowRoot).host === ownUi);
    return hit !== null && (hit === input || input.contains(hit) || ours);
  });
}

/** Elements around the field that take no pointer events, overlap it and are not transparent: what could be drawn over it unseen by hit testing. */
function decoyCandidates(input: HTMLInputElement, rect: DOMRect): HTMLElement[] {
  const candidates: HTMLElement[] = [];
  let read = 0;
  const consider = (element: Element) => {
    if (!(element instanceof HTMLElement || element instanceof SVGElement) || element === input || element.contains(input)) return;
    const style = getComputedStyle(element);
    if (style.pointerEvents !== 'none' || style.visibility !== 'visible' || style.display === 'none' || Number(style.opacity) < MIN_OPACITY) return;
    const box = element.getBoundingClientRect();
    if (box.right > rect.left && box.left < rect.right && box.bottom > rect.top && box.top < rect.bottom) candidates.push(element as HTMLElement);
  };
  // Breadth first from the nearest ancestor outwards, each ancestor's other branches in full until
  // the budget is spent: a decoy sits near what it covers in the tree, or is a fixed layer high up.
  const seen = new Set<Element>();
  for (let ancestor = input.parentElement; ancestor && read < DECOY_SEARCH_LIMIT; ancestor = ancestor.parentElement) {
    const queue: Element[] = [...ancestor.children];
    for (let at = 0; at < queue.length && read < DECOY_SEARCH_LIMIT; at++) {
      const element = queue[at]!;
      if (seen.has(element)) continue;
      seen.add(element);
      read++;
      consider(element);
      if (!element.contains(input)) queue.push(...element.children);
    }
  }
  return candidates;
}

/**
 * Hit testing skips elements with `pointer-events: none`, so a decoy drawn over the form that way
 * passes isOnTop: clicks reach the form while the eye sees the decoy. Each element near the field
 * that could be one is given pointer events for a moment (its own inline style, so only it is
 * restyled, not the whole page) and the points are hit-tested again: where it is hit, it is on top.
 * Layers behind the form (a page background with pointer-events: none) are never hit and never
 * count; floating labels cover little of a field and stay under the share that counts as covered.
 */
function coveredByDecoys(input: HTMLInputElement, rect: DOMRect, points: readonly Point[]): boolean {
  const covered = new Set<number>();
  for (const element of decoyCandidates(input, rect)) {
    const previous = [element.style.getPropertyValue('pointer-events'), element.style.getPropertyPriority('pointer-events')] as const;
    element.style.setProperty('pointer-events', 'auto', 'important');
    try {
      points.forEach(([x, y], index) => {
        const hit = topmostAt(x, y);
        if (hit && (hit === element || element.contains(hit))) covered.add(index);
      });
    } finally {
      if (previous[0]) element.style.setProperty('pointer-events', previous[0], previous[1]);
      else element.style.removeProperty('pointer-events');
    }
    if (covered.size >= points.length * MAX_COVERED_SHARE) return true;
  }
  return false;
}

/** Why `input` must not be filled, or null; `ownUi` is the host of Keyhold's own icon and menu, drawn over the field on purpose. */
export function fillProblem(input: HTMLInputElement, ownUi: Element | null = null): FillProblem | null {
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
  const points = samplePoints(rect);
  return isOnTop(input, points, ownUi) && !coveredByDecoys(input, rect, points) ? null : 'covered';
}
