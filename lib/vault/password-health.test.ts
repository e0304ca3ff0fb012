import { describe, expect, it, vi } from 'vitest';
import { CHUNK_SIZE, MAX_SCORED_LENGTH, passwordHealth, type HealthEntry } from './password-health';
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
      password: async (id) => (Number(id.slice(1)) % 10 === 0 ? 'weak-shared' : `strong-${id}-${'x'.repeat(200)}`),
      score: scorer,
      now: NOW,
      oldAfterDays: 365,
      pause,
      progress: (done) => progress.push(done),
    });
    expect(pause).toHaveBeenCalledTimes(26);
    expect(progress.at(-1)).toBe(many.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(report.checked).toBe(many.length);
    expect(report.weak).toHaveLength(Math.ceil(many.length / 10));
    expect(report.reused).toHaveLength(1);
    expect(report.reused[0]).toHaveLength(Math.ceil(many.length / 10));
    // One rating for the shared weak password, one for each strong one; none longer than the cap.
    expect(scorer).toHaveBeenCalledTimes(many.length - Math.ceil(many.length / 10) + 1);
    expect(Math.max(...scorer.mock.calls.map(([password]) => password.length))).toBe(MAX_SCORED_LENGTH);
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
