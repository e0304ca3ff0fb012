import type { ExtensionBrowser } from './browser';
import { measurePageReady, readyLines } from './page-ready';

// extension.popup_ready_ms: from the popup page's navigation start to the first 20 entry rows
// painted (page-ready.ts).

const ROWS = 20;

/** Median time from popup navigation start to 20 rows painted (the session must be unlocked). */
export async function measurePopupReady(browser: ExtensionBrowser, log: (line: string) => void): Promise<number> {
  const result = await measurePageReady(browser, { path: 'popup.html', selector: '[data-testid="entry"]', rows: ROWS, settleMs: 300 });
  for (const line of readyLines('popup', ROWS, result, 150)) log(line);
  return result.paintMs;
}
