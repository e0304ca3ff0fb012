import { createApiClient } from '../../lib/api/client';
import { masterKeyOptionsRoute } from '../../lib/contract/users';
import type { KdfParams } from '../../lib/crypto/kdf';
import type { RunningServer } from '../../tests/helpers/server-process';
import { BENCH_OWNER } from './account';
import type { ExtensionBrowser } from './browser';

// Connecting the extension to a seeded server as a person would in the popup: the server address,
// the login password, then the first unlock on this device, which downloads everything into the
// offline cache.

/** Connects, signs in and unlocks for the first time; resolves to the first unlock's wall time in ms. */
export async function signInAndFirstUnlock(browser: ExtensionBrowser, server: RunningServer): Promise<number> {
  await browser.send({ type: 'server.set', url: server.url });
  // Auto-lock must not strike during a long run; the default is 15 minutes of inactivity.
  await browser.send({ type: 'settings.set', autoLockMinutes: 240 });
  const signedIn = await browser.send({ type: 'session.login', login: BENCH_OWNER.login, password: BENCH_OWNER.loginPassword });
  if (signedIn.state !== 'locked') throw new Error(`after session.login the extension is ${signedIn.state}, not locked`);
  const started = performance.now();
  const unlocked = await browser.send({ type: 'session.unlock', masterPassword: BENCH_OWNER.masterPassword });
  const ms = performance.now() - started;
  if (unlocked.state !== 'unlocked') throw new Error(`after the first unlock the extension is ${unlocked.state}`);
  return ms;
}

/** How many entries the unlocked extension can search, from the worker's own answer. */
export async function entryCount(browser: ExtensionBrowser): Promise<number> {
  return (await browser.send({ type: 'entries.search', query: '', limit: 1 })).total;
}

/** Throws unless the extension lists exactly `expected` entries. */
export async function expectEntries(browser: ExtensionBrowser, expected: number, when: string): Promise<void> {
  const count = await entryCount(browser);
  if (count !== expected) throw new Error(`${when}: the extension lists ${count} entries, expected ${expected}`);
}

/** The KDF record the server holds for the bench owner (what the extension's unlock really derives with). */
export async function ownerKdf(server: RunningServer): Promise<KdfParams> {
  return (await createApiClient({ baseUrl: server.url }).call(masterKeyOptionsRoute, { query: { login: BENCH_OWNER.login } })).kdf;
}
