import { describe, expect, it, vi } from 'vitest';
import { CHUNK_SIZE, MAX_SCORED_LENGTH, passwordHealth, QUICK_LENGTH, type HealthEntry } from './password-health';
import { createStrengthEstimator, type DictionaryFile } from './strength-estimator';
import { readDictionary } from './testing/zxcvbn-files';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 30);

const entry = (id: string, changes: Partial<HealthEntry> = {}): HealthEntry => ({
  id,
  vaultId: 'vault-1',
  name: id,
  login: `${id}@acme.test`,
  urls: [{ url: `https://${id}.example`, match: 'domain' }],
  updatedAt: NOW - 10 * DAY_MS,
  ...changes,
});

describe('createStrengthEstimator', () => {
  it('rates with zxcvbn and its common dictionaries, read once on first use', async () => {
    const load = vi.fn(readDictionary);
    const score = createStrengthEstimator(load);
    expect(load).not.toHaveBeenCalled();
    expect(await score('password1', [])).toBeLessThanOrEqual(1);
    expect(await score('qwertyuiop', [])).toBeLessThanOrEqual(1);
    expect(await score('quokkabank', ['quokkabank'])).toBeLessThan(await score('quokkabank', []));
    expect(await score('v9#Lq2!mZx7@Rk4p', [])).toBe(4);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('tries the dictionaries again after a failed load', async () => {
    const load = vi.fn<(file: DictionaryFile) => Promise<unknown>>().mockRejectedValueOnce(new Error('offline')).mockImplementation(readDictionary);
    const score = createStrengthEstimator(load);
    await expect(score('password1', [])).rejects.toThrow('offline');
    expect(await score('password1', [])).toBeLessThanOrEqual(1);
  });
});

describe('passwordHealth', () => {
  const passwords: Record<string, string | null> = {
    bank: 'password1',
    mail: 'S4me-Passw0rd-Everywhere!',
    chat: 'S4me-Passw0rd-Everywhere!',
    shop: 'S4me-Passw0rd-Everywhere!',
    wiki: 'v9#Lq2!mZx7@Rk4p',
    note: null,
  };
  const score = createStrengthEstimator(readDictionary);

  it('finds weak, reused and old passwords and names only the entries', async () => {
    const entries = [entry('bank'), entry('mail'), entry('chat'), entry('shop', { updatedAt: NOW - 400 * DAY_MS }), entry('wiki', { updatedAt: NOW - 366 * DAY_MS }), entry('note'), entry('gone')];
    const report = await passwordHealth(entries, {
      password: async (id) => {
        if (id === 'gone') throw new Error('MAC check failed');
        return passwords[id] ?? null;
      },
      score,
      now: NOW,
      oldAfterDays: 365,
    });
    expect(report.checked).toBe(5);
    expect(report.unreadable).toBe(1);
    expect(report.weak.map(({ id, score }) => ({ id, score }))).toEqual([{ id: 'bank', score: expect.any(Number) as number }]);
    expect(report.weak[0]!.score).toBeLessThanOrEqual(1);
    expect(report.reused.map((group) => group.map((found) => found.id))).toEqual([['chat', 'mail', 'shop']]);
    expect(report.old.map(({ id, days }) => ({ id, days }))).toEqual([
      { id: 'shop', days: 400 },
      { id: 'wiki', days: 366 },
    ]);
    expect(report.weak[0]).toMatchObject({ name: 'bank', vaultId: 'vault-1', login: 'bank@acme.test', urls: [{ url: 'https://bank.example', match: 'domain' }] });
    // Nothing but findings: no password, whole or cut, anywhere in what leaves.
    const sent = JSON.stringify(report);
    for (const password of Object.values(passwords)) if (password) expect(sent).not.toContain(password.slice(0, 6));
    expect(Object.keys(report.weak[0]!).sort()).toEqual(['id', 'login', 'name', 'score', 'updatedAt', 'urls', 'vaultId']);
  });

  it('works through many entries in chunks, pausing between them, and rates each password and words once', async () => {
    const many = Array.from({ length: 25 * CHUNK_SIZE + 7 }, (_, i) => entry(`e${i}`, { name: 'Shared name', login: 'ops', urls: [] }));
    const scorer = vi.fn(async (password: string) => (password.startsWith('weak') ? 0 : 4));
    const pause = vi.fn(async () => undefined);
    const progress: number[] = [];
    const report = await passwordHealth(many, {
      password: async (id) => (Number(id.slice(1)) % 10 === 0 ? `weak-shared-${'y'.repeat(100)}` : `strong-${id}-${'x'.repeat(200)}`),
      score: scorer,
      now: NOW,
      oldAfterDays: 365,
      pause,
      progress: (done) => progress.push(done),
    });
    // A pause after every CHUNK_SIZE entries at most (sooner when a slice runs long).
    expect(pause.mock.calls.length).toBeGreaterThanOrEqual(26);
    expect(progress).toHaveLength(pause.mock.calls.length);
    expect(progress.at(-1)).toBe(many.length);
    expect(progress.every((done, i) => done > (progress[i - 1] ?? 0) && done - (progress[i - 1] ?? 0) <= CHUNK_SIZE)).toBe(true);
    expect(report.checked).toBe(many.length);
    expect(report.weak).toHaveLength(Math.ceil(many.length / 10));
    expect(report.reused).toHaveLength(1);
    expect(report.reused[0]).toHaveLength(Math.ceil(many.length / 10));
    // A strong start is enough for the strong ones; the shared weak one is rated once more, whole up to the cap.
    expect(scorer).toHaveBeenCalledTimes(many.length - Math.ceil(many.length / 10) + 2);
    expect(scorer.mock.calls.filter(([password]) => password.startsWith('strong')).every(([password]) => password.length === QUICK_LENGTH)).toBe(true);
    expect(scorer.mock.calls.filter(([password]) => password.startsWith('weak')).map(([password]) => password.length)).toEqual([QUICK_LENGTH, MAX_SCORED_LENGTH]);
  });

  it('rates a weak start again whole: a long passphrase that starts with a common word is not weak', async () => {
    const report = await passwordHealth([entry('safe'), entry('weak')], {
      password: async (id) => (id === 'safe' ? 'password horse battery staple vinyl quokka' : 'password123'),
      score,
      now: NOW,
      oldAfterDays: 365,
    });
    expect(report.weak.map((found) => found.id)).toEqual(['weak']);
  });

  it('stops when told to', async () => {
    const controller = new AbortController();
    const many = Array.from({ length: 5 * CHUNK_SIZE }, (_, i) => entry(`e${i}`));
    const run = passwordHealth(many, {
      password: async () => 'anything',
      score: async () => 4,
      now: NOW,
      oldAfterDays: 365,
      signal: controller.signal,
      progress: (done) => done >= 2 * CHUNK_SIZE && controller.abort(),
    });
    await expect(run).rejects.toThrow();
  });
});
