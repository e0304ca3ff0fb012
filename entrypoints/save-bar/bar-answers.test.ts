import { describe, expect, it, vi } from 'vitest';
import { translator } from '../../lib/i18n/translate';
import { BackgroundError } from '../../lib/messages/send';
import { barAnswers, type BarAnswer } from './bar-answers';

const t = translator('en');

describe('the save bar’s answers', () => {
  function answers(seen: boolean, send: (request: BarAnswer) => Promise<unknown> = async () => ({})) {
    const shown: (string | null)[] = [];
    const sent: BarAnswer[] = [];
    const actions = barAnswers({ send: (request) => (sent.push(request), send(request)), seen: async () => seen, show: (text) => shown.push(text), t: () => t });
    return { actions, shown, sent };
  }

  it('sends nothing that changes something while the browser cannot vouch the bar is seen; "Not now" still goes', async () => {
    const { actions, shown, sent } = answers(false);
    actions.save({ name: 'Acme', vaultId: 'v-me', folderId: null });
    await vi.waitFor(() => expect(shown).toEqual(['Keyhold cannot be sure this bar is fully visible on the page, so it did nothing.']));
    actions.never();
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    actions.update();
    await vi.waitFor(() => expect(shown).toHaveLength(3));
    expect(sent).toEqual([]);
    actions.dismiss();
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'bar.dismiss' }]));
  });

  it('shows why a request failed, and sends one answer at a time', async () => {
    let release: () => void = () => undefined;
    const { actions, shown, sent } = answers(true, (request) => (request.type === 'bar.update' ? new Promise((resolve) => (release = () => resolve({}))) : Promise.reject(new BackgroundError({ code: 'locked', message: 'locked' }))));
    actions.never();
    await vi.waitFor(() => expect(shown.at(-1)).toBe(t('error.locked')));
    actions.update();
    actions.update();
    await vi.waitFor(() => expect(sent.map(({ type }) => type)).toEqual(['bar.never', 'bar.update']));
    release();
    // Taken: the worker removes the bar, and only "Not now" goes meanwhile.
    await vi.waitFor(() => expect(shown.at(-1)).toBeNull());
    actions.update();
    actions.dismiss();
    await vi.waitFor(() => expect(sent.map(({ type }) => type)).toEqual(['bar.never', 'bar.update', 'bar.dismiss']));
  });
});
