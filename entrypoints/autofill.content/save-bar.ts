import { browser } from '#imports';
import { contentRequest } from '../../lib/messages/protocol';
import { createOwnHost, inTopLayer } from './own-host';
import { paintedAsItIs } from './painted-as-is';
import { watchTopLayer, type TopLayerWatch } from './top-layer';

// The save bar's frame (docs/autofill.md, "Saving"): drawn by the tab's top frame when the worker
// says so, like the inline menu — a closed shadow root under a randomly named popover in the top
// layer, its style inline and important — at the top right of the window. The bar itself is an
// extension page the page cannot read; its URL carries the worker's token, so the worker answers
// that bar only. The page taking it out of the top layer, painting over its element or putting
// anything of its own in the top layer above it removes it.

const BAR_WIDTH = 360;
const BAR_HEIGHT = 200;
const WATCH_MS = 250;

export function createSaveBar() {
  let host: HTMLElement | null = null;
  let watcher: ReturnType<typeof setInterval> | undefined;
  let topLayer: TopLayerWatch | null = null;

  function remove(): void {
    clearInterval(watcher);
    topLayer?.release();
    topLayer = null;
    host?.remove();
    host = null;
  }

  const shown = (element: HTMLElement) => element.isConnected && inTopLayer(element) && paintedAsItIs(element);

  return {
    /** Draws the bar whose URL carries `token` (one bar at a time). */
    show(token: string): void {
      remove();
      const { host: element, root, show: showHost } = createOwnHost();
      const frame = document.createElement('iframe');
      frame.src = `${browser.runtime.getURL('/save-bar.html')}#${token}`;
      frame.title = 'Keyhold';
      Object.assign(frame.style, { position: 'fixed', top: '12px', right: '12px', width: `${BAR_WIDTH}px`, height: `${BAR_HEIGHT}px`, border: '1px solid #8888', borderRadius: '8px', background: 'Canvas', colorScheme: 'normal', boxShadow: '0 4px 16px #0003', opacity: '1' });
      root.append(frame);
      showHost(document.documentElement);
      host = element;
      // Anything the page puts in the top layer from now on lies above the bar: it goes.
      topLayer = watchTopLayer(element);
      watcher = setInterval(() => {
        if (host && (!shown(host) || topLayer?.taken())) remove();
      }, WATCH_MS);
    },
    remove,
  };
}

export type SaveBar = ReturnType<typeof createSaveBar>;

/** Answers the worker's requests to draw or take down the bar (top frame only) until `signal` aborts. */
export function listenForSaveBar(bar: SaveBar, signal: AbortSignal): void {
  if (window !== window.top) return;
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    const parsed = contentRequest.safeParse(message);
    if (!parsed.success) return;
    if (parsed.data.type === 'content.saveBar') bar.show(parsed.data.token);
    else if (parsed.data.type === 'content.saveBarClose') bar.remove();
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => {
    browser.runtime.onMessage.removeListener(onMessage);
    bar.remove();
  });
}
