import type { ExtensionBrowser } from './browser';
import { measurePageReady, readyLines } from './page-ready';

// extension.vault_page_ready_ms (issue #7): from the vault page's navigation start to its entry
// list's first rows painted, each showing an entry's name (page-ready.ts).

/** Rows a 700-pixel-high list shows at once (48 px each). */
const ROWS = 12;

/** Median time from the vault page's navigation start to its first rows painted (the session must be unlocked). */
export async function measureVaultPageReady(browser: ExtensionBrowser, log: (line: string) => void): Promise<number> {
  const result = await measurePageReady(browser, { path: 'vault.html', selector: '[data-testid="vault-row"] .row-name', rows: ROWS, viewport: { width: 1200, height: 800 }, settleMs: 500 });
  for (const line of readyLines('vault page', ROWS, result, 300)) log(line);
  return result.paintMs;
}
