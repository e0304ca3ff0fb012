import { shadowRootReader } from './deep-inputs';

// The element an element is painted inside: its slot when a shadow root places it (so a wrapper in
// the shadow tree with opacity 0 counts), its parent otherwise, and a shadow root's host at its top.

function slotFor(element: Element, shadow: ShadowRoot): HTMLSlotElement | null {
  const name = element.getAttribute('slot');
  return shadow.querySelector<HTMLSlotElement>(name ? `slot[name="${CSS.escape(name)}"]` : 'slot:not([name])');
}

/** The element's parent in the flat tree (what is rendered), or null at the top. */
export function flatParent(element: Element, shadowOf = shadowRootReader()): Element | null {
  const parent = element.parentElement;
  if (parent) {
    const shadow = shadowOf(parent);
    return shadow ? (slotFor(element, shadow) ?? parent) : parent;
  }
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
