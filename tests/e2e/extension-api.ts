import type { Browser } from '@wxt-dev/browser';

/**
 * The extension APIs as seen by code passed to `evaluate()`, which runs inside an extension page
 * or worker. Use as `(globalThis as unknown as ExtensionGlobals).chrome`: only the cast is erased,
 * so the function still serialises to plain `globalThis.chrome`.
 */
export interface ExtensionGlobals {
  chrome: typeof Browser;
  browser: typeof Browser;
}
