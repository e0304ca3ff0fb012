import { describe, expect, it } from 'vitest';
import { fingerprint } from '../background/clipboard';
import { createClearRequestListener } from './clear-request-listener';

function fakeDocumentClipboard(text: string) {
  const clipboard = { text, read: () => clipboard.text, empty: () => void (clipboard.text = '') };
  return clipboard;
}

async function ask(listener: ReturnType<typeof createClearRequestListener>, message: unknown, sender: { id?: string; tab?: unknown }) {
  let reply: unknown;
  const answered = new Promise<void>((resolve) => {
    const keptOpen = listener(message, sender, (value) => {
      reply = value;
      resolve();
    });
    if (keptOpen !== true) resolve();
  });
  await answered;
  return reply;
}

const WORKER = { id: 'keyhold-id' };

describe('offscreen clear-request listener', () => {
  it('empties the clipboard when it holds the fingerprinted value', async () => {
    const clipboard = fakeDocumentClipboard('secret');
    const listener = createClearRequestListener(clipboard, 'keyhold-id');
    const request = { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: await fingerprint('secret') };
    expect(await ask(listener, request, WORKER)).toEqual({ cleared: true });
    expect(clipboard.text).toBe('');
  });

  it('leaves other text alone', async () => {
    const clipboard = fakeDocumentClipboard('mine');
    const listener = createClearRequestListener(clipboard, 'keyhold-id');
    const request = { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: await fingerprint('secret') };
    expect(await ask(listener, request, WORKER)).toEqual({ cleared: false });
    expect(clipboard.text).toBe('mine');
  });

  it.each([
    ['a popup request meant for the worker', { type: 'status' }, WORKER],
    ['a request from a content script', { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: { salt: 'a', sha256: 'b' } }, { id: 'keyhold-id', tab: { id: 1 } }],
    ['a request from another extension', { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: { salt: 'a', sha256: 'b' } }, { id: 'other' }],
    ['a malformed request', { target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds' }, WORKER],
  ])('does not answer %s', async (_, message, sender) => {
    const listener = createClearRequestListener(fakeDocumentClipboard('x'), 'keyhold-id');
    expect(listener(message, sender, () => undefined)).toBeUndefined();
  });
});
