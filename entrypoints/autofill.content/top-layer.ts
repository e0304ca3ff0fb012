// The page taking the top layer while the inline menu is open (docs/autofill.md, "The inline
// menu"): whatever enters the top layer after our popover is drawn above it, and may be a decoy
// that lets clicks through to the menu. Any later top-layer entry of the page — a popover, a modal
// dialog, full screen — counts as a takeover. (One inside a shadow root is out of sight here; the
// menu page's own visibility check is what catches it, where the browser has one.)

const TOP_LAYER_SELECTOR = ':popover-open, :modal, :fullscreen';

function inTopLayer(element: Element): boolean {
  try {
    return element.matches(TOP_LAYER_SELECTOR);
  } catch {
    // A browser without one of these selectors has no popovers to take the top layer with.
    return element.matches(':modal');
  }
}

/** The page's elements now in the top layer (light DOM), other than `own`. */
function pageTopLayer(own: Element): Set<Element> {
  let found: Element[];
  try {
    found = [...document.querySelectorAll(TOP_LAYER_SELECTOR)];
  } catch {
    found = [...document.querySelectorAll(':modal')];
  }
  if (document.fullscreenElement) found.push(document.fullscreenElement);
  return new Set(found.filter((element) => element !== own));
}

/**
 * Reports, through `taken()`, whether the page put anything in the top layer since this was called:
 * a new element found in it, or an open or full-screen event of the page's own (which also catches
 * an element hidden and shown again between two looks). A `<details>` opening is not one.
 */
export function watchTopLayer(own: HTMLElement) {
  const before = pageTopLayer(own);
  let taken = false;
  const onToggle = (event: Event) => {
    const target = event.target;
    if (target !== own && target instanceof Element && (event as ToggleEvent).newState === 'open' && inTopLayer(target)) taken = true;
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

export type TopLayerWatch = ReturnType<typeof watchTopLayer>;
