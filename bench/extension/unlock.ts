import { fromBase64Url } from '../../lib/crypto/bytes';
import { passwordBytes, type KdfParams } from '../../lib/crypto/kdf';
import type { Reply, UnlockReply } from '../../lib/messages/protocol';
import { median, round } from '../report';
import type { ExtensionBrowser, PageGlobals } from './browser';

// extension.unlock_ratio: a later unlock on this device (the offline cache is there) from the
// moment the popup sends `session.unlock` (asking, as the popup does, for the first entries with
// it) to the reply holding rows — what the popup needs to list and search — against PBKDF2 alone
// with the account's own parameters, run with crypto.subtle in the same service worker. Interleaved
// rounds, locked in between; the ratio is the median of each round's own unlock/KDF ratio.
// These VMs switch between a fast and a slow speed (PBKDF2 alone takes ~82 or ~120 ms) every few
// seconds: the median unlock and the median KDF can each come from a different speed, while a
// round's two runs, a fraction of a second apart, mostly share one.

const WARM_UP = 1;
const ROUNDS = 15;
const SETTLE_TIMEOUT_MS = 30_000;

/** The medians of one account's rounds. */
export interface UnlockRatio {
  unlockMs: number;
  kdfMs: number;
  /** The median of the rounds' own ratios. */
  ratio: number;
  unlocks: number[];
  kdfs: number[];
}

/** PBKDF2-SHA-256 alone in the worker: import the password, derive the 32-byte seed; the worker's own clock. */
async function kdfInWorker(browser: ExtensionBrowser, password: number[], salt: number[], iterations: number): Promise<number> {
  const worker = await browser.worker();
  return worker.evaluate(
    async ({ password, salt, iterations }) => {
      const started = performance.now();
      const key = await crypto.subtle.importKey('raw', new Uint8Array(password), 'PBKDF2', false, ['deriveBits']);
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations }, key, 256);
      return performance.now() - started;
    },
    { password, salt, iterations },
  );
}

/** Unlock-to-ready, timed in the extension page that sends the messages (as the popup would). */
async function timedUnlock(browser: ExtensionBrowser, masterPassword: string): Promise<number> {
  const result = await browser.driver.evaluate(async (masterPassword) => {
    const runtime = (globalThis as unknown as PageGlobals).chrome.runtime;
    const started = performance.now();
    const unlocked = (await runtime.sendMessage({ type: 'session.unlock', masterPassword, firstEntries: { limit: 20 } })) as Reply<UnlockReply>;
    const ms = performance.now() - started;
    if (!unlocked.ok) return { error: `session.unlock: ${unlocked.error.code}: ${unlocked.error.message}` };
    if (!unlocked.value.entries?.rows.length) return { error: 'session.unlock brought no entries' };
    return { ms, state: unlocked.value.state };
  }, masterPassword);
  if ('error' in result) throw new Error(result.error ?? 'unlock failed');
  if (result.state !== 'unlocked') throw new Error(`session.unlock answered state ${result.state}`);
  return result.ms;
}

/**
 * Waits for what the unlock started in the background (master key hash check, delta sync) to end,
 * so the next round's lock does not cut it off and no round pays for the previous one.
 */
async function settle(browser: ExtensionBrowser, syncedBefore: number | null, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const status = await browser.send({ type: 'status' });
    if (!status.syncing && status.lastSyncAt !== null && status.lastSyncAt !== syncedBefore) return;
    if (status.offline) throw new Error('the extension went offline during the unlock rounds');
    if (Date.now() > deadline) {
      // The worker swallows most background failures; the round stands, but say so.
      log(`    warning: no background sync finished within ${SETTLE_TIMEOUT_MS / 1000} s of an unlock`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Rounds of lock → KDF alone → unlock-to-ready, after warm-up; the account must be signed in with its cache filled. */
export async function measureUnlockRatio(browser: ExtensionBrowser, masterPassword: string, kdf: KdfParams, log: (line: string) => void): Promise<UnlockRatio> {
  const password = [...passwordBytes(masterPassword)];
  const salt = [...fromBase64Url(kdf.salt)];
  const unlocks: number[] = [];
  const kdfs: number[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    await browser.send({ type: 'session.lock' });
    const kdfMs = await kdfInWorker(browser, password, salt, kdf.iterations);
    const before = (await browser.send({ type: 'status' })).lastSyncAt;
    const unlockMs = await timedUnlock(browser, masterPassword);
    await settle(browser, before, log);
    if (round < WARM_UP) continue;
    kdfs.push(kdfMs);
    unlocks.push(unlockMs);
  }
  const unlockMs = median(unlocks);
  const kdfMs = median(kdfs);
  const ratios = unlocks.map((ms, i) => ms / kdfs[i]!);
  const ratio = median(ratios);
  log(`    unlock-to-ready ${round(unlockMs)} ms, PBKDF2 alone ${round(kdfMs)} ms (${kdf.iterations} iterations; medians of ${ROUNDS}); median of the rounds' ratios ${round(ratio)}x (ratio of the medians ${round(unlockMs / kdfMs)}x)`);
  log(`    rounds: unlock ${unlocks.map((ms) => round(ms)).join(', ')} ms; KDF ${kdfs.map((ms) => round(ms)).join(', ')} ms; ratios ${ratios.map((r) => round(r)).join(', ')}`);
  return { unlockMs, kdfMs, ratio, unlocks, kdfs };
}
