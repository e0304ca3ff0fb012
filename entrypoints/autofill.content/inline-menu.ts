import { browser } from '#imports';
import { randomBytes, toBase64Url } from '../../lib/crypto/bytes';
import { flatParent } from './flat-tree';
import { findNewPasswordFields } from './new-password-fields';
import { createOwnHost, inTopLayer } from './own-host';
import { paintedAsItIs } from './painted-as-is';
import { watchTopLayer, type TopLayerWatch } from './top-layer';

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
/** The frame's box with its 1px border, which the page must not resize. */
const FRAME_WIDTH = MENU_WIDTH + 2;
const FRAME_HEIGHT = MENU_HEIGHT + 2;
const WATCH_MS = 100;
/** A page that takes the top layer this many times while the menu is open gets no icon until it reloads. */
const MAX_TAKEOVERS = 3;

const ICON_SVG = 'data:image/svg+xml,' + encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#2563eb" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><circle cx="7.5" cy="15.5" r="4.5"/><path d="M10.7 12.3 21 2M16 7l3 3M18 5l2 2"/></svg>`);

/** 128 random bits, base64url: the menu frame's proof to the worker that our content script made it. */
function randomToken(): string {
  return toBase64Url(randomBytes(16));
}

/**
 * Where the host goes: inside the modal dialog that holds the field, if any — a modal dialog makes
 * everything outside it inert, so an icon there could be neither clicked nor found on top — else
 * at the end of the document.
 */
function hostContainer(field: Element): Element {
  for (let at = flatParent(field); at; at = flatParent(at)) if (at.matches(':modal')) return at;
  // Not in the page's body, whose styles and layout could reach it; the top layer takes it out of html's.
  return document.documentElement;
}

export function createInlineMenu() {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let icon: HTMLButtonElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let field: HTMLInputElement | null = null;
  let mode: 'logins' | 'newPassword' = 'logins';
  let watcher: ReturnType<typeof setInterval> | undefined;
  let watch: TopLayerWatch | null = null;
  let takeovers = 0;
  let placing = 0;

  /**
   * Whether the page shows our host as we drew it: still in the top layer (a page that takes it out
   * could cover it from below), painted untouched, the menu frame at its own size, nothing new of the
   * page's in the top layer, and our host what the browser finds on top at the menu's points.
   */
  function shownAsItIs(): boolean {
    if (!host?.isConnected || !inTopLayer(host) || !paintedAsItIs(host)) return false;
    if (!frame) return true;
    if (watch?.taken()) return false;
    const box = frame.getBoundingClientRect();
    if (Math.abs(box.width - FRAME_WIDTH) > 1 || Math.abs(box.height - FRAME_HEIGHT) > 1) return false;
    return menuOnTop();
  }

  /** Whether the browser finds our host on top at the menu's centre and corners. */
  function menuOnTop(): boolean {
    if (!frame) return false;
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
      // Below the field, or above it when the viewport ends first: a menu partly out of view would not count as shown.
      const below = rect.bottom + 4;
      frame.style.top = `${below + FRAME_HEIGHT <= innerHeight ? below : Math.max(0, rect.top - 4 - FRAME_HEIGHT)}px`;
    }
  }

  /** Once per frame however many scroll events come: each place() reads the layout. */
  function placeSoon(): void {
    if (placing) return;
    placing = requestAnimationFrame(() => {
      placing = 0;
      place();
    });
  }

  function close(): void {
    clearInterval(watcher);
    watcher = undefined;
    const wasOpen = frame !== null;
    if (watch?.taken()) takeovers++;
    watch?.release();
    watch = null;
    if (frame) void browser.runtime.sendMessage({ type: 'autofill.menuClosed' }).catch(() => undefined);
    frame?.remove();
    frame = null;
    icon?.setAttribute('aria-expanded', 'false');
    // A page that keeps taking the top layer over the menu loses the icon: the popup still fills.
    if (wasOpen && takeovers >= MAX_TAKEOVERS) menu.detach();
  }

  async function open(focus: boolean): Promise<void> {
    if (!root || frame || !shownAsItIs()) return;
    // The worker learns from the browser which frame this is: the menu will serve it.
    const token = randomToken();
    const fresh = mode === 'newPassword' ? findNewPasswordFields(document, field) : null;
    const newPassword = fresh ? { rules: fresh.rules?.slice(0, 1000) ?? null, hasCurrent: fresh.current !== null } : undefined;
    await browser.runtime.sendMessage({ type: 'autofill.menuOpened', token, ...(newPassword ? { newPassword } : {}) }).catch(() => undefined);
    if (!root || frame || !host) return;
    watch = watchTopLayer(host);
    frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL('/inline-menu.html')}${mode === 'newPassword' ? '?for=new-password' : ''}#${token}`;
    frame.title = 'Keyhold';
    Object.assign(frame.style, { position: 'fixed', width: `${MENU_WIDTH}px`, height: `${MENU_HEIGHT}px`, border: '1px solid #8888', borderRadius: '6px', background: 'Canvas', colorScheme: 'normal', boxShadow: '0 4px 16px #0003', opacity: '1', zIndex: '2147483647' });
    root.append(frame);
    place();
    if (!shownAsItIs()) return close();
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

  const menu = {
    /** Puts the icon in `input` (once per page), named `label` (translated by the worker); the menu opens from it, or with ArrowDown in the field. */
    attach(input: HTMLInputElement, label: string, forBox: 'logins' | 'newPassword' = 'logins'): void {
      if (takeovers >= MAX_TAKEOVERS || (field === input && host?.isConnected)) return;
      menu.detach();
      // Detaching closed an open menu, which may have been the last takeover allowed.
      if (takeovers >= MAX_TAKEOVERS) return;
      field = input;
      mode = forBox;
      const own = createOwnHost();
      host = own.host;
      root = own.root;
      icon = document.createElement('button');
      icon.type = 'button';
      icon.setAttribute('aria-label', label);
      icon.setAttribute('aria-haspopup', 'listbox');
      icon.setAttribute('aria-expanded', 'false');
      Object.assign(icon.style, { all: 'initial', position: 'fixed', width: `${ICON_SIZE}px`, height: `${ICON_SIZE}px`, cursor: 'pointer', background: `url("${ICON_SVG}") center / 16px no-repeat`, zIndex: '2147483647' });
      icon.addEventListener('click', (event) => {
        if (!event.isTrusted) return;
        if (frame) close();
        else void open(false);
      });
      root.append(icon);
      own.show(hostContainer(input));
      input.addEventListener('keydown', onFieldKey);
      place();
      addEventListener('scroll', placeSoon, { passive: true, capture: true });
      addEventListener('resize', placeSoon, { passive: true });
    },
    detach(): void {
      close();
      field?.removeEventListener('keydown', onFieldKey);
      host?.remove();
      host = root = icon = field = null;
      removeEventListener('scroll', placeSoon, { capture: true });
      removeEventListener('resize', placeSoon);
    },
    close,
    /**
     * Whether the menu is open, has the focus (a click or key in it put the focus in its frame, which
     * the page sees as our host) and the page shows it as it is: the one state a menu fill is accepted in.
     */
    isOpenAndShown: (): boolean => frame !== null && document.activeElement === host && shownAsItIs(),
    /** The box the icon is in: a suggested password goes into its form. */
    field: (): HTMLInputElement | null => field,
    /** The host of the icon and menu, which fill-safety.ts must not take for a cover of the field. */
    host: (): Element | null => (host?.isConnected ? host : null),
  };
  return menu;
}

export type InlineMenu = ReturnType<typeof createInlineMenu>;
