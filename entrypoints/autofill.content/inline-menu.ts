import { browser } from '#imports';
import { translator } from '../../lib/i18n/translate';

// The inline menu's icon and frame (docs/autofill.md, "The inline menu"): drawn in a closed shadow
// root under an element with a random name, so the page can neither style, read nor find them by
// name; the list itself is an extension page in a frame, which the page cannot read either. The
// menu is shown only while the page shows it as it is: it closes as soon as the page hides it,
// fades it, covers it or puts something in the top layer over it — the DOM clickjacking of 2025
// made an extension's menu invisible and let the user click it unaware. A fill asked from the menu
// is refused by the content script unless the menu is open and seen at that moment.

const ICON_SIZE = 20;
const MENU_WIDTH = 300;
const MENU_HEIGHT = 220;
const WATCH_MS = 100;
const MIN_OPACITY = 0.9;

const ICON_SVG = 'data:image/svg+xml,' + encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#2563eb" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><circle cx="7.5" cy="15.5" r="4.5"/><path d="M10.7 12.3 21 2M16 7l3 3M18 5l2 2"/></svg>`);

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `x-${[...bytes].map((byte) => byte.toString(36).padStart(2, '0')).join('')}`;
}

/** The opacity the page paints `element` with: its own and every ancestor's up to `html`. */
function paintedOpacity(element: Element): number {
  let opacity = 1;
  for (let at: Element | null = element; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (style.visibility !== 'visible' || style.display === 'none' || style.filter !== 'none' || style.clipPath !== 'none') return 0;
    opacity *= Number(style.opacity);
  }
  return opacity;
}

export function createInlineMenu() {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let icon: HTMLButtonElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let field: HTMLInputElement | null = null;
  let watcher: ReturnType<typeof setInterval> | undefined;

  /** Whether the page shows our host as it is, and nothing of its own over the open menu. */
  function shownAsItIs(): boolean {
    if (!host?.isConnected || paintedOpacity(host) < MIN_OPACITY) return false;
    if (!frame) return true;
    const box = frame.getBoundingClientRect();
    const points = [
      [0.5, 0.5],
      [0.1, 0.1],
      [0.9, 0.1],
      [0.1, 0.9],
      [0.9, 0.9],
    ].map(([fx, fy]) => [box.left + box.width * fx!, box.top + box.height * fy!] as const);
    // From the page's side, everything in our closed root is our host.
    return points.every(([x, y]) => document.elementFromPoint(x, y) === host);
  }

  function place(): void {
    if (!field || !host || !icon) return;
    const rect = field.getBoundingClientRect();
    icon.style.left = `${rect.right - ICON_SIZE - 6}px`;
    icon.style.top = `${rect.top + (rect.height - ICON_SIZE) / 2}px`;
    if (frame) {
      frame.style.left = `${Math.max(0, Math.min(rect.left, innerWidth - MENU_WIDTH))}px`;
      frame.style.top = `${rect.bottom + 4}px`;
    }
  }

  function close(): void {
    clearInterval(watcher);
    watcher = undefined;
    if (frame) void browser.runtime.sendMessage({ type: 'autofill.menuClosed' }).catch(() => undefined);
    frame?.remove();
    frame = null;
    icon?.setAttribute('aria-expanded', 'false');
  }

  async function open(focus: boolean): Promise<void> {
    if (!root || frame || !shownAsItIs()) return;
    // The worker learns from the browser which frame this is: the menu will serve it.
    await browser.runtime.sendMessage({ type: 'autofill.menuOpened' }).catch(() => undefined);
    if (!root || frame) return;
    frame = document.createElement('iframe');
    frame.src = browser.runtime.getURL('/inline-menu.html');
    frame.title = 'Keyhold';
    Object.assign(frame.style, { position: 'fixed', width: `${MENU_WIDTH}px`, height: `${MENU_HEIGHT}px`, border: '1px solid #8888', borderRadius: '6px', background: 'Canvas', colorScheme: 'normal', boxShadow: '0 4px 16px #0003', opacity: '1', zIndex: '2147483647' });
    root.append(frame);
    place();
    icon?.setAttribute('aria-expanded', 'true');
    if (focus) frame.addEventListener('load', () => frame?.focus(), { once: true });
    // Checked again and again while open: a page that hides, fades or covers the menu closes it.
    watcher = setInterval(() => {
      if (!shownAsItIs()) close();
      else place();
    }, WATCH_MS);
  }

  // Only the user's own keys and clicks open the menu: a page can send synthetic ones (not trusted).
  function onFieldKey(event: KeyboardEvent): void {
    if (!event.isTrusted) return;
    if (event.key === 'ArrowDown' && (event.altKey || !field?.value)) {
      event.preventDefault();
      void open(true);
    } else if (event.key === 'Escape') close();
  }

  return {
    /** Puts the icon in `input` (once per page); the menu opens from it, or with ArrowDown in the field. */
    attach(input: HTMLInputElement, language: Parameters<typeof translator>[0]): void {
      if (field === input && host?.isConnected) return;
      this.detach();
      field = input;
      host = document.createElement(randomName());
      // The top layer: above the page's own stacking, and anything the page puts there later is above it (and so caught).
      host.setAttribute('popover', 'manual');
      Object.assign(host.style, { all: 'initial', position: 'fixed', inset: '0', width: '0', height: '0', overflow: 'visible', border: '0', padding: '0', margin: '0', background: 'transparent' });
      root = host.attachShadow({ mode: 'closed' });
      icon = document.createElement('button');
      icon.type = 'button';
      icon.setAttribute('aria-label', translator(language)('autofill.icon'));
      icon.setAttribute('aria-haspopup', 'listbox');
      icon.setAttribute('aria-expanded', 'false');
      Object.assign(icon.style, { all: 'initial', position: 'fixed', width: `${ICON_SIZE}px`, height: `${ICON_SIZE}px`, cursor: 'pointer', background: `url("${ICON_SVG}") center / 16px no-repeat`, zIndex: '2147483647' });
      icon.addEventListener('click', (event) => {
        if (!event.isTrusted) return;
        if (frame) close();
        else void open(false);
      });
      root.append(icon);
      document.documentElement.append(host);
      host.showPopover?.();
      input.addEventListener('keydown', onFieldKey);
      place();
      addEventListener('scroll', place, { passive: true, capture: true });
      addEventListener('resize', place, { passive: true });
    },
    detach(): void {
      close();
      field?.removeEventListener('keydown', onFieldKey);
      host?.remove();
      host = root = icon = field = null;
      removeEventListener('scroll', place, { capture: true });
      removeEventListener('resize', place);
    },
    close,
    /** Whether the menu is open and the page shows it as it is: the one state a menu fill is accepted in. */
    isOpenAndShown: (): boolean => frame !== null && shownAsItIs(),
    /** The host of the icon and menu, which fill-safety.ts must not take for a cover of the field. */
    host: (): Element | null => (host?.isConnected ? host : null),
  };
}

export type InlineMenu = ReturnType<typeof createInlineMenu>;
