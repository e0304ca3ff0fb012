import type { Page } from 'playwright-core';
import type { EntriesReply, Reply } from '../../lib/messages/protocol';
import { median, round } from '../report';
import type { ExtensionBrowser, PageGlobals } from './browser';

// extension.search_ms: a character typed into the popup's search box → the row list showing that
// query's results, painted. Each query is typed one character at a time and cleared with Escape.
// The list each keystroke should lead to is asked of the worker beforehand; a probe in the page
// takes the keydown's time stamp and watches the DOM until the list matches (row count, first and
// last names, the "showing n of total" line), then waits for the frame that paints it. A keystroke
// whose list would not change (a trailing space, say) cannot be timed that way and is left out.

/** Typed in turn, each from an empty box; varied prefixes, names, logins and numbers. */
const QUERIES = ['git', 'slack 42', 'user777', 'okta 9', 'stripe', 'zoom 12', 'hub', '2718', 'jira 5'];
const PROBE_TIMEOUT_MS = 10_000;
const SETTLE_MS = 500;

/** What the list shows, reduced to what tells one result set from another. */
interface ListSignature {
  count: number;
  first: string;
  last: string;
  /** The digits of the "showing n of total" line ('' when every match is shown). */
  more: string;
  empty: boolean;
}

interface ProbeGlobals {
  __keyholdSearch?: Promise<{ domMs: number; paintMs: number } | { timeout: ListSignature }>;
}

/** Runs in the popup: arms a probe that starts at the next keydown and ends when the list matches `expected`, painted. */
function armProbe({ expected, timeoutMs }: { expected: ListSignature; timeoutMs: number }): void {
  // Defined inside: evaluate() sends this one function's source, and an extension page's CSP forbids eval.
  const signature = (): ListSignature => {
    const names = [...document.querySelectorAll('[data-testid="entry"] .entry-name')].map((node) => node.textContent ?? '');
    const more = document.querySelector('[data-testid="entry-list"] > p.muted')?.textContent ?? '';
    return { count: names.length, first: names[0] ?? '', last: names.at(-1) ?? '', more: more.replace(/\D/g, ''), empty: document.querySelector('.entries p.empty') !== null };
  };
  const matches = () => {
    const now = signature();
    return now.count === expected.count && now.first === expected.first && now.last === expected.last && now.more === expected.more && now.empty === expected.empty;
  };
  (globalThis as unknown as ProbeGlobals).__keyholdSearch = new Promise((resolve) => {
    let started: number | null = null;
    const observer = new MutationObserver(() => {
      if (started === null || !matches()) return;
      observer.disconnect();
      clearTimeout(timer);
      const from = started;
      const domMs = performance.now() - from;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ domMs, paintMs: performance.now() - from });
        channel.port2.postMessage(null);
      });
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ timeout: signature() });
    }, timeoutMs);
    // The event's own time stamp: when the browser created it, before it waited for the page.
    document.addEventListener('keydown', (event) => (started = event.timeStamp), { capture: true, once: true });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** The signature the popup's list should show for `query`, from the worker's own answer. */
function expectedSignature(reply: EntriesReply): ListSignature {
  const first = reply.rows[0];
  const last = reply.rows.at(-1);
  return {
    count: reply.rows.length,
    first: first ? first.name || 'Untitled' : '',
    last: last ? last.name || 'Untitled' : '',
    more: reply.total > reply.rows.length ? `${reply.rows.length}${reply.total}` : '',
    empty: reply.rows.length === 0,
  };
}

const sameSignature = (a: ListSignature, b: ListSignature) => JSON.stringify(a) === JSON.stringify(b);

/** Types `key` into the focused search box and resolves to the probe's timings (null when not timeable). */
async function timedKeystroke(popup: Page, key: string, expected: ListSignature, previous: ListSignature): Promise<{ domMs: number; paintMs: number } | null> {
  if (sameSignature(expected, previous)) {
    await popup.keyboard.press(key);
    await popup.waitForTimeout(50);
    return null;
  }
  await popup.evaluate(armProbe, { expected, timeoutMs: PROBE_TIMEOUT_MS });
  await popup.keyboard.press(key);
  const result = await popup.evaluate(() => (globalThis as unknown as ProbeGlobals).__keyholdSearch!);
  if ('timeout' in result) {
    const selectors = '[data-testid="entry"] .entry-name, [data-testid="entry-list"] > p.muted, .entries p.empty';
    throw new Error(`search: the list never showed the results for key ${JSON.stringify(key)} (read through ${selectors}): expected ${JSON.stringify(expected)}, shows ${JSON.stringify(result.timeout)}`);
  }
  return result;
}

interface Keystroke {
  key: string;
  /** The box's text after it. */
  typed: string;
}

/** Each query typed character by character, then Escape (which clears a typed query). */
function keystrokes(): Keystroke[][] {
  return QUERIES.map((query) => [...[...query].map((char, i) => ({ key: char === ' ' ? 'Space' : char, typed: query.slice(0, i + 1) })), { key: 'Escape', typed: '' }]);
}

/** Opens the popup in a tab and waits for its list and for the sync it starts on opening; resolves to the page and its row limit. */
async function openSettledPopup(browser: ExtensionBrowser): Promise<{ popup: Page; limit: number }> {
  const popup = await browser.harness.context.newPage();
  await popup.goto(`chrome-extension://${browser.harness.extensionId}/popup.html`);
  await popup.getByRole('searchbox').waitFor({ timeout: 60_000 });
  await popup.locator('[data-testid="entry"]').first().waitFor({ timeout: 60_000 });
  // The list's length is the popup's own search limit; the worker is asked for the same.
  const limit = await popup.locator('[data-testid="entry"]').count();
  await popup.waitForTimeout(SETTLE_MS);
  while ((await browser.send({ type: 'status' })).syncing) await popup.waitForTimeout(100);
  await popup.getByRole('searchbox').focus();
  return { popup, limit };
}

/** The worker's answer for `query` and its round trip timed in the driver page (cold: no earlier search had the word). */
async function askWorker(browser: ExtensionBrowser, query: string, limit: number): Promise<{ reply: EntriesReply; ms: number }> {
  const answer = await browser.driver.evaluate(
    async ({ query, limit }) => {
      const started = performance.now();
      const reply = (await (globalThis as unknown as PageGlobals).chrome.runtime.sendMessage({ type: 'entries.search', query, limit })) as Reply<EntriesReply>;
      return { reply, ms: performance.now() - started };
    },
    { query, limit },
  );
  if (!answer.reply.ok) throw new Error(`entries.search: ${answer.reply.error.code}: ${answer.reply.error.message}`);
  return { reply: answer.reply.value, ms: answer.ms };
}

/**
 * Every typed text's expected list, asked before any keystroke. The worker keeps the hits of its
 * last 12 query words for the next keystrokes: searching 12 words that occur nowhere afterwards
 * leaves it nothing from this pass, so each keystroke does the work a person's would.
 */
async function expectations(browser: ExtensionBrowser, limit: number): Promise<{ expected: Map<string, ListSignature>; roundTrips: number[] }> {
  const expected = new Map<string, ListSignature>();
  const roundTrips: number[] = [];
  for (const typed of ['', ...keystrokes().flat().map((stroke) => stroke.typed)]) {
    if (expected.has(typed)) continue;
    const { reply, ms } = await askWorker(browser, typed, limit);
    expected.set(typed, expectedSignature(reply));
    if (typed !== '') roundTrips.push(ms);
  }
  for (let i = 0; i < 12; i++) await askWorker(browser, `qqxz${i}qq`, limit);
  return { expected, roundTrips };
}

/** Times every keystroke of QUERIES in an open, unlocked popup; medians of the timeable ones. */
export async function measureSearch(browser: ExtensionBrowser, log: (line: string) => void): Promise<{ paintMs: number; domMs: number; workerMs: number; keystrokes: number }> {
  const { popup, limit } = await openSettledPopup(browser);
  try {
    const { expected, roundTrips } = await expectations(browser, limit);
    const painted: number[] = [];
    const dom: number[] = [];
    let previous = expected.get('')!;
    let skipped = 0;
    for (const query of keystrokes()) {
      const shown: string[] = [];
      for (const { key, typed } of query) {
        const timed = await timedKeystroke(popup, key, expected.get(typed)!, previous);
        previous = expected.get(typed)!;
        shown.push(`${key === 'Escape' ? 'Esc' : typed} ${timed ? round(timed.paintMs) : '–'}`);
        if (!timed) skipped++;
        else {
          painted.push(timed.paintMs);
          dom.push(timed.domMs);
        }
      }
      log(`      ${shown.join(', ')}`);
    }
    const paintMs = median(painted);
    const domMs = median(dom);
    const workerMs = median(roundTrips);
    log(`    keystroke → list updated ${round(domMs)} ms, painted ${round(paintMs)} ms (median of ${painted.length} keystrokes over ${QUERIES.length} queries; ${skipped} left out as not changing the list; target < 16)`);
    log(`    entries.search alone, first time for each text, round trip from an extension page: ${round(workerMs)} ms (median of ${roundTrips.length})`);
    if (painted.length < 20) log(`    warning: only ${painted.length} timeable keystrokes (fewer than 20)`);
    return { paintMs, domMs, workerMs, keystrokes: painted.length };
  } finally {
    await popup.close();
  }
}
