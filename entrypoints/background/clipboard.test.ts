import { describe, expect, it } from 'vitest';
import {
  CLIPBOARD_ALARM,
  clearClipboardIfUnchanged,
  clipboardClearerFor,
  documentClearer,
  fingerprint,
  matchesFingerprint,
  offscreenClearer,
  onClipboardAlarm,
  rememberCopied,
  type ClipboardClearingApi,
  type OffscreenApi,
  type OffscreenClearRequest,
} from './clipboard';

function fakeSessionStorage() {
  const items = new Map<string, unknown>();
  return {
    items,
    async get(key: string) {
      return items.has(key) ? { [key]: items.get(key) } : {};
    },
    async set(values: Record<string, unknown>) {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    async remove(key: string) {
      items.delete(key);
    },
  };
}

function fakeClipboard(text = '') {
  const clipboard = {
    text,
    readText: async () => clipboard.text,
    writeText: async (next: string) => void (clipboard.text = next),
  };
  return clipboard;
}

function fakeApi(clipboard = fakeClipboard()) {
  const alarms: Array<{ name: string; delayInMinutes: number }> = [];
  const storage = fakeSessionStorage();
  const api: ClipboardClearingApi = { storage, alarms: { create: (name, info) => alarms.push({ name, ...info }) }, clearer: documentClearer(clipboard) };
  return { api, alarms, storage, clipboard };
}

describe('clipboard fingerprint', () => {
  it('recognises the value and nothing else, and is salted afresh each time', async () => {
    const first = await fingerprint('hunter2');
    const second = await fingerprint('hunter2');
    expect(first.sha256).not.toBe(second.sha256);
    expect(await matchesFingerprint('hunter2', first)).toBe(true);
    expect(await matchesFingerprint('hunter3', first)).toBe(false);
    expect(JSON.stringify(first)).not.toContain('hunter2');
  });
});

describe('clearing the clipboard after a copy (30 s unless the settings say otherwise)', () => {
  it('remembers a fingerprint in session storage, never the value, and sets an alarm for the set time', async () => {
    const { api, alarms, storage } = fakeApi();
    expect(await rememberCopied(api, 'correct horse', 30)).toEqual({ clearAfterSeconds: 30 });
    expect(await rememberCopied(api, 'correct horse', 90)).toEqual({ clearAfterSeconds: 90 });
    expect(alarms).toEqual([
      { name: CLIPBOARD_ALARM, delayInMinutes: 0.5 },
      { name: CLIPBOARD_ALARM, delayInMinutes: 1.5 },
    ]);
    expect(JSON.stringify([...storage.items])).not.toContain('correct horse');
  });

  it('empties the clipboard when it still holds the copied value, then forgets it', async () => {
    const { api, clipboard, storage } = fakeApi(fakeClipboard('correct horse'));
    await rememberCopied(api, 'correct horse', 30);
    expect(await onClipboardAlarm(api, { name: CLIPBOARD_ALARM })).toBe(true);
    expect(clipboard.text).toBe('');
    expect(storage.items.size).toBe(0);
  });

  it('leaves something the user copied since alone', async () => {
    const { api, clipboard } = fakeApi(fakeClipboard('correct horse'));
    await rememberCopied(api, 'correct horse', 30);
    clipboard.text = 'shopping list';
    expect(await clearClipboardIfUnchanged(api)).toBe(false);
    expect(clipboard.text).toBe('shopping list');
  });

  it('clears only the latest copy', async () => {
    const { api, clipboard } = fakeApi();
    await rememberCopied(api, 'first', 30);
    await rememberCopied(api, 'second', 30);
    clipboard.text = 'first';
    expect(await clearClipboardIfUnchanged(api)).toBe(false);
    expect(clipboard.text).toBe('first');
  });

  it('ignores other alarms and an alarm with nothing remembered (e.g. after a browser restart)', async () => {
    const { api, clipboard } = fakeApi(fakeClipboard('keep'));
    expect(await onClipboardAlarm(api, { name: 'keyhold.autoLock' })).toBe(false);
    expect(await onClipboardAlarm(api, { name: CLIPBOARD_ALARM })).toBe(false);
    expect(clipboard.text).toBe('keep');
  });
});

describe('the offscreen clearer (Chrome, Edge)', () => {
  function fakeOffscreen(answer: (request: OffscreenClearRequest) => unknown) {
    const calls: string[] = [];
    let open = false;
    const api: OffscreenApi = {
      offscreen: {
        hasDocument: async () => open,
        createDocument: async (parameters) => {
          calls.push(`create ${parameters.url} ${parameters.reasons.join()}`);
          open = true;
        },
        closeDocument: async () => {
          calls.push('close');
          open = false;
        },
      },
      runtime: {
        sendMessage: async (message) => {
          calls.push('message');
          return answer(message as OffscreenClearRequest);
        },
      },
    };
    return { api, calls };
  }

  it('opens the document for the CLIPBOARD reason, sends the fingerprint only, and closes it', async () => {
    const remembered = await fingerprint('secret');
    let received: OffscreenClearRequest | undefined;
    const { api, calls } = fakeOffscreen((request) => {
      received = request;
      return { cleared: true };
    });
    expect(await offscreenClearer(api).clearIfHolds(remembered)).toBe(true);
    expect(calls).toEqual(['create offscreen.html CLIPBOARD', 'message', 'close']);
    expect(received).toEqual({ target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: remembered });
  });

  it('closes the document even when the message fails', async () => {
    const { api, calls } = fakeOffscreen(() => {
      throw new Error('Receiving end does not exist.');
    });
    await expect(offscreenClearer(api).clearIfHolds(await fingerprint('x'))).rejects.toThrow('Receiving end');
    expect(calls.at(-1)).toBe('close');
  });

  it('is chosen where the offscreen API exists; the document clipboard elsewhere (Firefox)', async () => {
    const clipboard = fakeClipboard('x');
    const { api, calls } = fakeOffscreen(() => ({ cleared: false }));
    await clipboardClearerFor(api, clipboard).clearIfHolds(await fingerprint('x'));
    expect(calls).toContain('message');
    expect(await clipboardClearerFor({ runtime: api.runtime }, clipboard).clearIfHolds(await fingerprint('x'))).toBe(true);
    expect(clipboard.text).toBe('');
    expect(() => clipboardClearerFor({ runtime: api.runtime }, undefined)).toThrow();
  });
});
