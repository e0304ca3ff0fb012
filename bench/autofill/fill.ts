import type { Page } from 'playwright-core';
import { newItem } from '../../tests/helpers/vault-fixtures';
import { startServer } from '../../tests/helpers/server-process';
import { startStaticSite } from '../../tests/helpers/static-site';
import { createBenchAccount, fillTo } from '../extension/account';
import { launchExtensionBrowser, type PageGlobals } from '../extension/browser';
import { signInAndFirstUnlock } from '../extension/session';
import { median, round, type Figure } from '../report';

// Filling in real Chromium (issue #8): autofill.menu_ready_ms — from DOMContentLoaded to the inline
// menu's icon in the field of a plain login page — autofill.fill_ms — the popup's Fill, from the
// request to both fields filled — and autofill.big_page_main_thread_ms, the content script's own
// time finding, checking and filling the login form at the end of a page of over 200,000
// elements, two shadow roots deep. A vault of 1,000 entries behind it; medians.

const FILLS = 15;
const LOADS = 9;
const BIG_FILLS = 5;

export async function measureFill(log: (line: string) => void): Promise<Figure[]> {
  const [server, site] = await Promise.all([startServer(), startStaticSite()]);
  const browser = await launchExtensionBrowser().catch(async (error) => {
    await Promise.all([server.stop(), site.close()]);
    throw error;
  });
  try {
    const account = await createBenchAccount(server, 1);
    await fillTo(account, 1_000);
    const entry = await newItem(account.owner, account.vaults[0]!, { name: 'Acme', login: 'ana@acme.test', urls: [{ url: 'http://login.acme.test/', match: 'domain' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'acme password 1' }] });
    await signInAndFirstUnlock(browser, server);

    /** Opens `page` in a tab and resolves to that tab's id. */
    const open = async (page: string): Promise<{ tab: Page; tabId: number }> => {
      const tab = await browser.harness.context.newPage();
      const url = site.url(`autofill/${page}`, 'login.acme.test');
      await tab.goto(url);
      const tabId = await browser.driver.evaluate(async (address) => {
        const api = (globalThis as unknown as PageGlobals & { chrome: { tabs: { query(query: object): Promise<{ id?: number }[]> } } }).chrome;
        return Math.max(...(await api.tabs.query({ url: address })).map((found) => found.id!));
      }, url);
      return { tab, tabId };
    };

    // The page itself notes when it was parsed and when an x-… element (the icon's host) arrived.
    const ready: number[] = [];
    for (let load = 0; load < LOADS; load++) {
      const tab = await browser.harness.context.newPage();
      await tab.addInitScript(() => {
        const marks: { parsed?: number; icon?: number } = {};
        (globalThis as unknown as { keyholdMarks: typeof marks }).keyholdMarks = marks;
        document.addEventListener('DOMContentLoaded', () => (marks.parsed = performance.now()));
        // The init script runs before there is a documentElement: the whole document is watched.
        new MutationObserver(() => {
          if (marks.icon === undefined && [...(document.documentElement?.children ?? [])].some((element) => /^X-/.test(element.tagName))) marks.icon = performance.now();
        }).observe(document, { childList: true, subtree: true });
      });
      await tab.goto(site.url('autofill/login.html', 'login.acme.test'));
      await tab.waitForFunction(() => (globalThis as unknown as { keyholdMarks: { icon?: number } }).keyholdMarks.icon !== undefined, undefined, { timeout: 15_000 });
      const marks = await tab.evaluate(() => (globalThis as unknown as { keyholdMarks: { parsed: number; icon: number } }).keyholdMarks);
      ready.push(marks.icon - marks.parsed);
      await tab.close();
    }
    log(`inline menu icon: ${round(median(ready))} ms after DOMContentLoaded (median of ${LOADS} loads)`);

    const small = await open('login.html');
    const wall: number[] = [];
    for (let run = 0; run < FILLS; run++) {
      const started = performance.now();
      const reply = await browser.send({ type: 'autofill.fill', tabId: small.tabId, itemId: entry.id });
      wall.push(performance.now() - started);
      if (!reply.filled.includes('password')) throw new Error(`the login page was not filled: ${JSON.stringify(reply)}`);
    }
    const big = await open('big-page.html');
    const elements = await big.tab.evaluate(() => document.getElementsByTagName('*').length);
    const content: number[] = [];
    const bigWall: number[] = [];
    for (let run = 0; run < BIG_FILLS; run++) {
      const started = performance.now();
      const reply = await browser.send({ type: 'autofill.fill', tabId: big.tabId, itemId: entry.id });
      bigWall.push(performance.now() - started);
      if (reply.contentMs === undefined || !reply.filled.includes('password')) throw new Error(`the big page was not filled: ${JSON.stringify(reply)}`);
      content.push(reply.contentMs);
    }
    log(`fill on a login page: ${round(median(wall))} ms (median of ${FILLS}, request to both fields filled)`);
    log(`fill on a page of ${elements.toLocaleString('en')} elements: content script ${round(median(content))} ms, request to filled ${round(median(bigWall))} ms (median of ${BIG_FILLS})`);
    return [
      { name: 'menu_ready_ms', value: median(ready), unit: 'ms' },
      { name: 'fill_ms', value: median(wall), unit: 'ms' },
      { name: 'big_page_main_thread_ms', value: median(content), unit: 'ms' },
      { name: 'big_page_fill_ms', value: median(bigWall), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await Promise.all([server.stop(), site.close()]);
  }
}
