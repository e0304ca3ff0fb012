import type { KeyValueArea } from './settings';

/** A `storage.local`/`storage.session` stand-in for tests, with its contents open to inspection. */
export function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & { items: Map<string, unknown> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (changes) => void Object.entries(changes).forEach(([key, value]) => items.set(key, structuredClone(value))),
    remove: async (key) => void items.delete(key),
  };
}
