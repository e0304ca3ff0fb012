import { isLanguage, type LanguageSetting } from '../i18n/languages';
import { MAX_OWN_GROUPS } from '../vault/matching/domain-group-limits';
import { isOwnDomainGroups } from '../vault/matching/own-domain-groups';
import { CLIPBOARD_CLEAR_SECONDS, isClipboardClearSeconds } from './clipboard-clear';

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
  /** Seconds a copied value stays in the clipboard before Keyhold clears it (if it is still there). */
  clipboardClearSeconds: number;
  /**
   * The user's own groups of domains that share logins (registrable domains), added to the shipped
   * ones. Domain names only, kept on this device (docs/autofill.md, "Equivalent domains").
   */
  domainGroups: string[][];
  /** Sites the save bar never asks about again, by site key (registrable domain, or host[:port] for IPs and single-label hosts). */
  neverSave: string[];
}

const SETTINGS_KEY = 'settings';
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const DEFAULTS: Settings = { serverUrl: null, language: 'auto', autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES, clipboardClearSeconds: CLIPBOARD_CLEAR_SECONDS[0], domainGroups: [], neverSave: [] };

function isLanguageSetting(value: unknown): value is LanguageSetting {
  return value === 'auto' || isLanguage(value);
}

function isMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24 * 60;
}

/**
 * The stored groups that still read as valid, one by one: a public suffix list that learns a new
 * suffix must cost the group holding it, not all of them.
 */
function validDomainGroups(stored: unknown): string[][] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((group) => isOwnDomainGroups([group])).slice(0, MAX_OWN_GROUPS) as string[][];
}

/** Returns the stored settings, with defaults for anything missing or malformed. */
export async function readSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (typeof stored !== 'object' || stored === null) return { ...DEFAULTS };
  const { serverUrl, language, autoLockMinutes, clipboardClearSeconds, domainGroups, neverSave } = stored as Record<string, unknown>;
  return {
    serverUrl: typeof serverUrl === 'string' && serverUrl !== '' ? serverUrl : null,
    language: isLanguageSetting(language) ? language : DEFAULTS.language,
    autoLockMinutes: isMinutes(autoLockMinutes) ? autoLockMinutes : DEFAULTS.autoLockMinutes,
    clipboardClearSeconds: isClipboardClearSeconds(clipboardClearSeconds) ? clipboardClearSeconds : DEFAULTS.clipboardClearSeconds,
    domainGroups: validDomainGroups(domainGroups),
    neverSave: Array.isArray(neverSave) ? neverSave.filter((site): site is string => typeof site === 'string' && site !== '').slice(0, 1000) : [],
  };
}

/** Merges `changes` into the stored settings. */
export async function writeSettings(area: KeyValueArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(area)), ...changes };
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
