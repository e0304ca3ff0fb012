// Clearing a copied password 30 s later, if the clipboard still holds it. The worker may be stopped
// in between, so the deadline is an `alarms` alarm and what was copied is remembered in
// `storage.session` — as a salted SHA-256, never the value: the fingerprint only has to recognise
// the value, and a salt keeps a dump of the worker's memory from being matched against a word list.
// Reading the clipboard needs a DOM: Chrome and Edge lend one through an offscreen document, the
// Firefox event page has its own.

/** The alarm that clears the clipboard; the background's alarm listener passes it to `onClipboardAlarm`. */
export const CLIPBOARD_ALARM = 'keyhold.clipboard';
const STORAGE_KEY = 'keyhold.clipboard';

/** What is remembered of a copied value: enough to recognise it, not to recover it. */
export interface CopiedFingerprint {
  salt: string;
  sha256: string;
}

/** Something that can look at the clipboard and empty it when it holds the fingerprinted value. */
export interface ClipboardClearer {
  /** Empties the clipboard if it holds the value behind `fingerprint`; true when it did. */
  clearIfHolds(fingerprint: CopiedFingerprint): Promise<boolean>;
}

/** The browser APIs clipboard clearing uses: `browser.storage.session`, `browser.alarms`, and a clearer. */
export interface ClipboardClearingApi {
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(key: string): Promise<void>;
  };
  alarms: { create(name: string, info: { delayInMinutes: number }): unknown };
  clearer: ClipboardClearer;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

async function digest(salt: string, value: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${value}`))));
}

/** A fresh salted fingerprint of `value`. */
export async function fingerprint(value: string): Promise<CopiedFingerprint> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  return { salt, sha256: await digest(salt, value) };
}

/** True when `text` is the value `remembered` was taken from. */
export async function matchesFingerprint(text: string, remembered: CopiedFingerprint): Promise<boolean> {
  return (await digest(remembered.salt, text)) === remembered.sha256;
}

/**
 * Remembers that `value` was just copied and sets the alarm that clears it; a later copy replaces
 * both. Returns the reply to `clipboard.copied`.
 */
export async function rememberCopied(api: ClipboardClearingApi, value: string, clearAfterSeconds: number): Promise<{ clearAfterSeconds: number }> {
  await api.storage.set({ [STORAGE_KEY]: await fingerprint(value) });
  await api.alarms.create(CLIPBOARD_ALARM, { delayInMinutes: clearAfterSeconds / 60 });
  return { clearAfterSeconds };
}

function isFingerprint(value: unknown): value is CopiedFingerprint {
  return typeof value === 'object' && value !== null && typeof (value as CopiedFingerprint).salt === 'string' && typeof (value as CopiedFingerprint).sha256 === 'string';
}

/** Empties the clipboard if it still holds the remembered value, then forgets it; true when it emptied it. */
export async function clearClipboardIfUnchanged(api: ClipboardClearingApi): Promise<boolean> {
  const remembered = (await api.storage.get(STORAGE_KEY))[STORAGE_KEY];
  await api.storage.remove(STORAGE_KEY);
  if (!isFingerprint(remembered)) return false;
  return api.clearer.clearIfHolds(remembered);
}

/** The `alarms.onAlarm` handler's share: clears the clipboard when `alarm` is ours; false for other alarms. */
export async function onClipboardAlarm(api: ClipboardClearingApi, alarm: { name: string }): Promise<boolean> {
  return alarm.name === CLIPBOARD_ALARM ? clearClipboardIfUnchanged(api) : false;
}

/** The message the worker sends the offscreen document. */
export interface OffscreenClearRequest {
  target: 'keyhold.offscreen';
  type: 'clipboard.clearIfHolds';
  fingerprint: CopiedFingerprint;
}

/** The page WXT builds from `entrypoints/offscreen/`. */
export const OFFSCREEN_PAGE = 'offscreen.html';

/** The parts of Chrome's `offscreen` and `runtime` APIs the offscreen clearer uses. */
export interface OffscreenApi {
  offscreen: {
    hasDocument?(): Promise<boolean>;
    createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

async function openOffscreenDocument(api: OffscreenApi): Promise<void> {
  if (await api.offscreen.hasDocument?.()) return;
  await api.offscreen.createDocument({ url: OFFSCREEN_PAGE, reasons: ['CLIPBOARD'], justification: 'Clear a password Keyhold copied, if it is still on the clipboard.' });
}

/**
 * Chrome and Edge: a service worker has no clipboard, so an offscreen document reads and empties
 * it. The fingerprint goes to the document and only a yes/no comes back, so whatever the user has
 * on the clipboard now never reaches the worker. The document is closed again when done.
 */
export function offscreenClearer(api: OffscreenApi): ClipboardClearer {
  return {
    async clearIfHolds(remembered) {
      await openOffscreenDocument(api);
      try {
        const request: OffscreenClearRequest = { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: remembered };
        const reply = (await api.runtime.sendMessage(request)) as { cleared?: boolean } | undefined;
        return reply?.cleared === true;
      } finally {
        await api.offscreen.closeDocument().catch(() => undefined);
      }
    },
  };
}

/** Firefox: the event page is a document, and the clipboard permissions let it read and write directly. */
export function documentClearer(clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> }): ClipboardClearer {
  return {
    async clearIfHolds(remembered) {
      if (!(await matchesFingerprint(await clipboard.readText(), remembered))) return false;
      await clipboard.writeText('');
      return true;
    },
  };
}

/** The clearer for this browser: the offscreen document where the `offscreen` API exists, else the event page's own clipboard. */
export function clipboardClearerFor(api: Partial<OffscreenApi> & { runtime: OffscreenApi['runtime'] }, clipboard: Parameters<typeof documentClearer>[0] | undefined): ClipboardClearer {
  if (api.offscreen) return offscreenClearer({ offscreen: api.offscreen, runtime: api.runtime });
  if (clipboard) return documentClearer(clipboard);
  throw new Error('This browser offers no way to read the clipboard from the background.');
}
