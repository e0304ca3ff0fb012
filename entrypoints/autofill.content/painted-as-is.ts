import { flatParent } from './flat-tree';

// Whether the inline menu's host is painted as we drew it (docs/autofill.md, "The inline menu").
// The host is ours and we set none of these, so any of them is the page's doing: a filter that
// floods the box, a blend mode, a mask or a transform that shrinks it can each hide the menu while
// clicks still reach it — the DOM clickjacking of 2025. Its ancestors (the top layer lifts it out of
// their transforms) must not fade, filter, blend, mask or clip it either.

/** Below this combined opacity the menu counts as hidden. */
const MIN_OPACITY = 0.9;

function untouched(style: CSSStyleDeclaration): boolean {
  const mask = style.maskImage || style.getPropertyValue('-webkit-mask-image') || 'none';
  return style.filter === 'none' && mask === 'none' && style.clipPath === 'none' && style.mixBlendMode === 'normal';
}

function notTransformed(style: CSSStyleDeclaration): boolean {
  const zoom = style.getPropertyValue('zoom') || '1';
  return style.transform === 'none' && (style.scale || 'none') === 'none' && (style.rotate || 'none') === 'none' && (style.translate || 'none') === 'none' && (zoom === '1' || zoom === 'normal');
}

/** Whether `host` and every element it is painted inside leave it as drawn. */
export function paintedAsItIs(host: Element): boolean {
  const own = getComputedStyle(host);
  if (own.visibility !== 'visible' || own.display === 'none' || !notTransformed(own)) return false;
  let opacity = 1;
  for (let element: Element | null = host; element; element = flatParent(element)) {
    const style = element === host ? own : getComputedStyle(element);
    if (!untouched(style)) return false;
    opacity *= Number(style.opacity);
  }
  return opacity >= MIN_OPACITY;
}
