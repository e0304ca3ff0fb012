import { median, round } from '../report';
import type { ExtensionBrowser } from './browser';

// From an extension page's navigation start (its performance time origin) to its first rows
// painted: a script injected before the page's own code watches the DOM; once `rows` elements match
// `selector` it waits for the next frame (requestAnimationFrame runs just before the paint, a
// message posted from it runs just after) and records the time. The popup's and the vault page's
// readiness benchmarks both measure this way.

const WARM_UP = 1;
const ROUNDS = 7;
const TIMEOUT_MS = 30_000;

/** Where the injected script leaves its result. */
interface ReadyGlobals {
  __keyholdReady?: { domMs: number; paintMs: number };
}

/** Runs in the page before its scripts: records when `rows` elements match `selector`, then when they are painted. */
function readyProbe({ selector, rows }: { selector: string; rows: number }): void {
  const globals = globalThis as unknown as ReadyGlobals;
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll(selector).length < rows) return;
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

/** What to open and what "ready" means there. */
export interface ReadyPage {
  /** The extension page, e.g. `popup.html`. */
  path: string;
  /** Ready once this many elements match `selector`. */
  selector: string;
  rows: number;
  viewport?: { width: number; height: number };
  /** The page syncs once after its first paint: let that end before the tab goes. */
  settleMs: number;
}

/** One opening: a new tab navigated to the page, timed from its navigation start. */
async function openOnce(browser: ExtensionBrowser, target: ReadyPage): Promise<{ domMs: number; paintMs: number }> {
  const page = await browser.harness.context.newPage();
  try {
    if (target.viewport) await page.setViewportSize(target.viewport);
    await page.addInitScript(readyProbe, { selector: target.selector, rows: target.rows });
    await page.goto(`chrome-extension://${browser.harness.extensionId}/${target.path}`);
    const handle = await page.waitForFunction(() => (globalThis as unknown as ReadyGlobals).__keyholdReady, undefined, { timeout: TIMEOUT_MS, polling: 50 });
    const ready = (await handle.jsonValue()) as { domMs: number; paintMs: number };
    await page.waitForTimeout(target.settleMs);
    return ready;
  } finally {
    await page.close();
  }
}

/** Median time from the page's navigation start to its first rows painted, and the same to the DOM, over ROUNDS openings after a warm-up. */
export async function measurePageReady(browser: ExtensionBrowser, target: ReadyPage): Promise<{ paintMs: number; domMs: number; rounds: number[] }> {
  const painted: number[] = [];
  const dom: number[] = [];
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const ready = await openOnce(browser, target);
    if (i < WARM_UP) continue;
    painted.push(ready.paintMs);
    dom.push(ready.domMs);
  }
  return { paintMs: median(painted), domMs: median(dom), rounds: painted };
}

/** The two log lines a readiness benchmark prints. */
export function readyLines(what: string, rows: number, result: { paintMs: number; domMs: number; rounds: number[] }, target: number): string[] {
  return [
    `    ${what} opened → ${rows} rows in the DOM ${round(result.domMs)} ms, painted ${round(result.paintMs)} ms (median of ${result.rounds.length}; target < ${target})`,
    `    rounds (painted): ${result.rounds.map((ms) => round(ms)).join(', ')} ms`,
  ];
}
