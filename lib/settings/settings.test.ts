import { describe, expect, it } from 'vitest';
import { readSettings, writeSettings, type KeyValueArea } from './settings';

function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea {
  const items = new Map(Object.entries(initial));
  return {
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (changes) => void Object.entries(changes).forEach(([key, value]) => items.set(key, value)),
  };
}

describe('settings', () => {
  it('has no server URL on a fresh install', async () => {
    expect(await readSettings(memoryArea())).toEqual({ serverUrl: null });
  });

  it.each([[null], ['not an object'], [{ serverUrl: 42 }], [{ serverUrl: '' }]])('treats stored %j as unset', async (stored) => {
    expect(await readSettings(memoryArea({ settings: stored }))).toEqual({ serverUrl: null });
  });

  it('reads back what it wrote', async () => {
    const area = memoryArea();
    await writeSettings(area, { serverUrl: 'https://vault.acme.test' });
    expect(await readSettings(area)).toEqual({ serverUrl: 'https://vault.acme.test' });
  });
});
