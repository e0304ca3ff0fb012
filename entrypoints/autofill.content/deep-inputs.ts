// The page's inputs including those inside shadow roots — closed ones too, which a page uses to
// hide a form from scripts: Chrome opens them to extensions through chrome.dom.openOrClosedShadowRoot,
// Firefox through element.openOrClosedShadowRoot in content scripts.

type ShadowOf = (element: Element) => ShadowRoot | null;

interface ShadowApis {
  chrome?: { dom?: { openOrClosedShadowRoot?(element: Element): ShadowRoot | null | undefined } };
}

/** How this browser opens an element's shadow root, open or closed. */
export function shadowRootReader(): ShadowOf {
  const dom = (globalThis as ShadowApis).chrome?.dom;
  if (dom?.openOrClosedShadowRoot) return (element) => dom.openOrClosedShadowRoot!(element) ?? null;
  return (element) => (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? element.shadowRoot;
}

/**
 * Every input under `root`, a shadow root's inputs where its host stands (the order the page shows
 * them in, near enough): a login box before its password box stays before it.
 */
export function deepInputs(root: Document | ShadowRoot, shadowOf: ShadowOf = shadowRootReader()): HTMLInputElement[] {
  const inputs: HTMLInputElement[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element instanceof HTMLInputElement) inputs.push(element);
    const shadow = shadowOf(element);
    if (shadow) inputs.push(...deepInputs(shadow, shadowOf));
  }
  return inputs;
}
