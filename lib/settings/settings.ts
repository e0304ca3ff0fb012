/** The part of `storage.local` the settings need; tests pass a Map-backed fake. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** User settings kept on this device (never secrets: those live only in the worker's memory). */
export interface Settings {
  serverUrl: string | null;
}

const SETTINGS_KEY = 'settings';
const DEFAULTS: Settings = { serverUrl: null };

/** Returns the stored settings, with defaults for anything missing or malformed. */
export async function readSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (typeof stored !== 'object' || stored === null) return { ...DEFAULTS };
  const serverUrl = (stored as { serverUrl?: unknown }).serverUrl;
  return { serverUrl: typeof serverUrl === 'string' && serverUrl !== '' ? serverUrl : null };
}

/** Merges `changes` into the stored settings. */
export async function writeSettings(area: KeyValueArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(area)), ...changes };
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
