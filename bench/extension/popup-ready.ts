import { median, round } from '../report';
import type { ExtensionBrowser } from './browser';

// extension.popup_ready_ms: from the popup page's navigation start (its performance time origin)
// to the first 20 entry rows painted. A script injected before the page's own code watches the
// DOM; once 20 rows are there it waits for the next frame (requestAnimationFrame runs just before
// the paint, a message posted from it runs just after), and records the time.

const WARM_UP = 1;
const ROUNDS = 7;
const ROWS = 20;
const TIMEOUT_MS = 30_000;

/** Where the injected script leaves its result. */
interface ReadyGlobals {
  __keyholdReady?: { domMs: number; paintMs: number };
}

/** Runs in the popup page before its scripts: records when `rows` entry rows are in the DOM and then painted. */
function readyProbe(rows: number): void {
  const globals = globalThis as unknown as ReadyGlobals;
  const enough = () => document.querySelectorAll('[data-testid="entry"]').length >= rows;
  const observer = new MutationObserver(() => {
    if (!enough()) return;
    observer.disconnect();
    const domMs = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        globals.__keyholdReady = { domMs, paintMs: performance.now() };
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** One popup opening: a new tab navigated to popup.html, timed from its navigation start. */
async function openPopupOnce(browser: ExtensionBrowser): Promise<{ domMs: number; paintMs: number }> {
  const page = await browser.harness.context.newPage();
  try {
    await page.addInitScript(readyProbe, ROWS);
    await page.goto(`chrome-extension://${browser.harness.extensionId}/popup.html`);
    const handle = await page.waitForFunction(() => (globalThis as unknown as ReadyGlobals).__keyholdReady, undefined, { timeout: TIMEOUT_MS, polling: 50 });
    const ready = (await handle.jsonValue()) as { domMs: number; paintMs: number };
    // The popup syncs once after its first paint; let that end before the tab goes.
    await page.waitForTimeout(300);
    return ready;
  } finally {
    await page.close();
  }
}

/** Median time from popup navigation start to 20 rows painted (the session must be unlocked). */
export async function measurePopupReady(browser: ExtensionBrowser, log: (line: string) => void): Promise<number> {
  const painted: number[] = [];
  const dom: number[] = [];
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const ready = await openPopupOnce(browser);
    if (i < WARM_UP) continue;
    painted.push(ready.paintMs);
    dom.push(ready.domMs);
  }
  const readyMs = median(painted);
  log(`    popup opened → ${ROWS} rows in the DOM ${round(median(dom))} ms, painted ${round(readyMs)} ms (median of ${ROUNDS}; target < 150)`);
  log(`    rounds (painted): ${painted.map((ms) => round(ms)).join(', ')} ms`);
  return readyMs;
}
