import { isLanguage, type LanguageSetting } from '../i18n/languages';

/** The part of `storage.local` the settings need; tests pass a Map-backed fake. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove?(key: string): Promise<void>;
}


/** User settings kept on this device (never secrets: those live only in the worker's memory). */
export interface Settings {
  serverUrl: string | null;
  /** `auto` follows the browser's languages. */
  language: LanguageSetting;
  /** Minutes without use before the worker forgets every key. */
  autoLockMinutes: number;
}

const SETTINGS_KEY = 'settings';
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const DEFAULTS: Settings = { serverUrl: null, language: 'auto', autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES };

function isLanguageSetting(value: unknown): value is LanguageSetting {
  return value === 'auto' || isLanguage(value);
}

function isMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24 * 60;
}

/** Returns the stored settings, with defaults for anything missing or malformed. */
export async function readSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (typeof stored !== 'object' || stored === null) return { ...DEFAULTS };
  const { serverUrl, language, autoLockMinutes } = stored as Record<string, unknown>;
  return {
    serverUrl: typeof serverUrl === 'string' && serverUrl !== '' ? serverUrl : null,
    language: isLanguageSetting(language) ? language : DEFAULTS.language,
    autoLockMinutes: isMinutes(autoLockMinutes) ? autoLockMinutes : DEFAULTS.autoLockMinutes,
  };
}

/** Merges `changes` into the stored settings. */
export async function writeSettings(area: KeyValueArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(area)), ...changes };
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
