// Hit testing skips elements with `pointer-events: none`, which is how a decoy drawn over the
// inline menu lets the user's click through to it unseen. For one synchronous look, every element
// of the page takes pointer events (a stylesheet of our own, removed before the page runs again):
// whatever is drawn over the menu is then what the browser finds on top.

const EVERY_ELEMENT_HITTABLE = '*, *::before, *::after { pointer-events: auto !important; }';

/** `look()` run while every light-DOM element of the page takes pointer events (inherited into shadow trees that do not turn them off). */
export function withEveryElementHittable<T>(look: () => T): T {
  // A constructed sheet needs no inline-style permission from the page's CSP; a <style> element is the fallback where content scripts cannot adopt one.
  let undo: () => void;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(EVERY_ELEMENT_HITTABLE);
    const previous = document.adoptedStyleSheets;
    document.adoptedStyleSheets = [...previous, sheet];
    undo = () => void (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet));
  } catch {
    const style = document.createElement('style');
    style.textContent = EVERY_ELEMENT_HITTABLE;
    document.documentElement.append(style);
    undo = () => style.remove();
  }
  try {
    return look();
  } finally {
    undo();
  }
}
