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
 *
 * Open roots are read from `shadowRoot` on every element; closed ones are asked for on custom
 * elements only (a name with a hyphen), where components keep them. The browser call costs a few
 * microseconds, and on a page of 200,000 elements asking every one took over a second of the main
 * thread (autofill.big_page_main_thread_ms); a closed root on a built-in element is not looked
 * into, so a form a page hides that way is not filled.
 */
export function deepInputs(root: Document | ShadowRoot, shadowOf: ShadowOf = shadowRootReader()): HTMLInputElement[] {
  const inputs: HTMLInputElement[] = [];
  // A document's live collection costs nothing to make; a static list of 200,000 elements does.
  const elements = root instanceof Document ? root.getElementsByTagName('*') : root.querySelectorAll('*');
  for (let at = 0; at < elements.length; at++) {
    const element = elements[at]!;
    if (element instanceof HTMLInputElement) inputs.push(element);
    const shadow = element.shadowRoot ?? (element.localName.includes('-') ? shadowOf(element) : null);
    if (shadow) inputs.push(...deepInputs(shadow, shadowOf));
  }
  return inputs;
}
