import type { URL_MATCHES } from '../contract/item-kinds';

type UrlMatch = (typeof URL_MATCHES)[number];

// The security dashboard's password report (docs/vault-page.md, "Security"): weak, reused and old
// passwords over the entries this device holds. It runs where the passwords are decrypted (the
// worker) and gives back findings only — entry ids, names, sites, scores, dates — never a password
// nor anything derived from one that could be tested offline: reuse is found by comparing keyed
// hashes made with a key that lives only for the one run.

/** An entry as the report needs it: its clear metadata. */
export interface HealthEntry {
  id: string;
  vaultId: string;
  name: string;
  login: string;
  urls: { url: string; match: UrlMatch }[];
  /** When the entry was last saved: Keyhold keeps no separate time for its password. */
  updatedAt: number;
}

/** An entry named in a finding: what the page shows and links to. */
export type FlaggedEntry = Pick<HealthEntry, 'id' | 'vaultId' | 'name' | 'login' | 'urls' | 'updatedAt'>;

export interface PasswordHealthReport {
  /** Entries whose password was read and rated. */
  checked: number;
  /** Entries whose password could not be read (a MAC that fails, a key not held yet). */
  unreadable: number;
  /** Weakest first. */
  weak: (FlaggedEntry & { score: number })[];
  /** Each group shares one password; largest group first. */
  reused: FlaggedEntry[][];
  /** Not saved for `oldAfterDays` or more; oldest first. */
  old: (FlaggedEntry & { days: number })[];
}

export interface PasswordHealthOptions {
  /** The entry's password, decrypted and its MAC verified; null when it has none. */
  password(entryId: string): Promise<string | null>;
  /** zxcvbn's score, 0 to 4; `related` are the entry's own words (name, login, sites). */
  score(password: string, related: readonly string[]): Promise<number>;
  now: number;
  oldAfterDays: number;
  /** Lets other work run between chunks (the worker answers its messages meanwhile). */
  pause?: () => Promise<void>;
  /** Told after each chunk. */
  progress?: (done: number, total: number) => void;
  /** Ends the run between two chunks (a lock, or a newer run): the promise rejects. */
  signal?: AbortSignal;
}

/** Scores up to this one are weak: found in fewer than 10^8 guesses, as an offline attack on leaked hashes makes. */
export const WEAK_SCORE = 2;
/**
 * zxcvbn's time grows quickly with length (about 3 ms for 16 random characters, 17 ms for 64 on
 * these machines), and 100,000 entries must be rated in minutes. A password is rated on its first
 * QUICK_LENGTH characters first: when those are not weak, neither is the whole (in practice what
 * follows only adds guesses). Only a weak start is rated again whole, up to MAX_SCORED_LENGTH characters.
 */
export const QUICK_LENGTH = 12;
export const MAX_SCORED_LENGTH = 64;
/** Entries read between two pauses, at most… */
export const CHUNK_SIZE = 100;
/** …and for at most about this long, so the worker answers a fill or a search meanwhile without a noticeable wait. */
export const SLICE_MS = 40;
const DAY_MS = 86_400_000;

const pauseForAMoment = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function runKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The keyed hash of `text`, as a compact string key. */
async function keyed(key: CryptoKey, text: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
  return String.fromCharCode(...mac.subarray(0, 16));
}

const flagged = ({ id, vaultId, name, login, urls, updatedAt }: HealthEntry): FlaggedEntry => ({ id, vaultId, name, login, urls, updatedAt });

/** Rates the passwords of `entries` in chunks, pausing between them; returns the findings alone. */
export async function passwordHealth(entries: readonly HealthEntry[], options: PasswordHealthOptions): Promise<PasswordHealthReport> {
  const key = await runKey();
  const pause = options.pause ?? pauseForAMoment;
  // Memory stays in proportion to the entries: a 16-byte keyed hash per password, no passwords.
  const byPassword = new Map<string, HealthEntry[]>();
  const scores = new Map<string, number>();
  const report: PasswordHealthReport = { checked: 0, unreadable: 0, weak: [], reused: [], old: [] };

  async function scoreOf(password: string, related: readonly string[]): Promise<number> {
    const quick = await options.score(password.slice(0, QUICK_LENGTH), related);
    if (quick > WEAK_SCORE || password.length <= QUICK_LENGTH) return quick;
    return options.score(password.slice(0, MAX_SCORED_LENGTH), related);
  }

  async function rate(entry: HealthEntry): Promise<void> {
    let password: string | null;
    try {
      password = await options.password(entry.id);
    } catch {
      report.unreadable += 1;
      return;
    }
    if (!password) return;
    report.checked += 1;
    const passwordKey = await keyed(key, password);
    byPassword.set(passwordKey, [...(byPassword.get(passwordKey) ?? []), entry]);
    const related = [entry.name, entry.login, ...entry.urls.map((url) => url.url)].filter(Boolean);
    // The same password with the same words scores the same: rated once.
    const scoreKey = `${passwordKey}\u0000${related.join('\u0000')}`;
    let score = scores.get(scoreKey);
    if (score === undefined) scores.set(scoreKey, (score = await scoreOf(password, related)));
    if (score <= WEAK_SCORE) report.weak.push({ ...flagged(entry), score });
    const days = Math.floor((options.now - entry.updatedAt) / DAY_MS);
    if (days >= options.oldAfterDays) report.old.push({ ...flagged(entry), days });
  }

  let done = 0;
  while (done < entries.length) {
    const sliceStart = performance.now();
    const end = Math.min(done + CHUNK_SIZE, entries.length);
    while (done < end && performance.now() - sliceStart < SLICE_MS) await rate(entries[done++]!);
    options.progress?.(done, entries.length);
    await pause();
    options.signal?.throwIfAborted();
  }

  report.weak.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  report.old.sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));
  report.reused = [...byPassword.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.map(flagged).sort((a, b) => a.name.localeCompare(b.name)))
    .sort((a, b) => b.length - a.length || a[0]!.name.localeCompare(b[0]!.name));
  return report;
}
