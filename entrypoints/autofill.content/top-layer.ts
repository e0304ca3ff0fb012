// The page taking the top layer while the inline menu is open (docs/autofill.md, "The inline
// menu"): whatever enters the top layer after our popover is drawn above it, and may be a decoy
// that lets clicks through to the menu. The menu raises itself when it opens; any later top-layer
// entry of the page — a popover, a modal dialog, full screen — counts as a takeover.

const TOP_LAYER_SELECTOR = ':popover-open, :modal, :fullscreen';

/** The page's elements now in the top layer (light DOM), other than `own`. */
function pageTopLayer(own: Element): Set<Element> {
  let found: Element[];
  try {
    found = [...document.querySelectorAll(TOP_LAYER_SELECTOR)];
  } catch {
    // A browser without one of these selectors: popovers are then not there to take the top layer either.
    found = [...document.querySelectorAll(':modal')];
  }
  if (document.fullscreenElement) found.push(document.fullscreenElement);
  return new Set(found.filter((element) => element !== own));
}

/**
 * Puts `own` (a popover) above everything now in the top layer, then reports, through `taken()`,
 * whether the page put anything there since: a new element found in it, or an open or full-screen
 * event of the page's own (which also catches an element hidden and shown again between two looks).
 */
export function holdTopLayer(own: HTMLElement) {
  if (typeof own.showPopover === 'function') {
    if (own.matches(':popover-open')) own.hidePopover();
    own.showPopover();
  }
  const before = pageTopLayer(own);
  let taken = false;
  const onToggle = (event: Event) => {
    if (event.target !== own && (event as ToggleEvent).newState === 'open') taken = true;
  };
  const onFullscreen = () => void (taken = true);
  addEventListener('toggle', onToggle, { capture: true });
  document.addEventListener('fullscreenchange', onFullscreen, { capture: true });
  return {
    taken(): boolean {
      if (!taken) for (const element of pageTopLayer(own)) if (!before.has(element)) taken = true;
      return taken;
    },
    release(): void {
      removeEventListener('toggle', onToggle, { capture: true });
      document.removeEventListener('fullscreenchange', onFullscreen, { capture: true });
    },
  };
}

export type TopLayerHold = ReturnType<typeof holdTopLayer>;
