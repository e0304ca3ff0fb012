// The element Keyhold draws its own UI under in a page (the inline menu, the save bar): a randomly
// named popover in the top layer — above the page's own stacking, so anything the page puts there
// later lies above it and is caught — its style inline and important so no rule of the page's,
// however specific or layered, can restyle it, holding a closed shadow root the page cannot read.

const HOST_STYLE = { all: 'initial', position: 'fixed', inset: '0', width: '0', height: '0', overflow: 'visible', border: '0', padding: '0', margin: '0', background: 'transparent', 'pointer-events': 'auto' };

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `x-${[...bytes].map((byte) => byte.toString(36).padStart(2, '0')).join('')}`;
}

/** A new host and its closed root, not yet in the page: the caller fills the root, then calls `show`. */
export function createOwnHost(): { host: HTMLElement; root: ShadowRoot; show(container: Element): void } {
  const host = document.createElement(randomName());
  host.setAttribute('popover', 'manual');
  for (const [property, value] of Object.entries(HOST_STYLE)) host.style.setProperty(property, value, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  return {
    host,
    root,
    show(container) {
      container.append(host);
      host.showPopover?.();
    },
  };
}

/** Whether our popover is (still) in the top layer; true where the browser has no popovers. */
export function inTopLayer(host: HTMLElement): boolean {
  return typeof host.showPopover !== 'function' || host.matches(':popover-open');
}
