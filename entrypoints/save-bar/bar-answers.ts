import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/translate';
import type { PageRequest } from '../../lib/messages/protocol';
import { BackgroundError } from '../../lib/messages/send';
import type { BarActions } from './bar-view';

/** The requests the bar's buttons send. */
export type BarAnswer = Extract<PageRequest, { type: 'bar.save' | 'bar.update' | 'bar.never' | 'bar.dismiss' }>;

/** What the answers need from the page: the worker, the browser's visibility report, the alert, the language. */
export interface BarAnswerDeps {
  /** Sends a request to the worker; throws BackgroundError when it refuses. */
  send(request: BarAnswer): Promise<unknown>;
  /** The browser's word that the bar is wholly visible now (inline-menu/visibility.ts). */
  seen(): Promise<boolean>;
  /** Shows a sentence in the bar's alert, or clears it (null). */
  show(text: string | null): void;
  /** The current translator (the language is known once the worker's status arrives). */
  t(): Translate;
}

/** An error of any kind as the BackgroundError that errorText explains. */
export const asBackgroundError = (error: unknown) => (error instanceof BackgroundError ? error : new BackgroundError({ code: 'internal', message: String(error) }));

/**
 * The bar's answers, sent one at a time so a double click cannot save twice. Those that change
 * something (Save, Update, Never) first ask whether the bar is seen: a page could draw it under a
 * decoy and have the user click "Never for this site" unaware, so then nothing is sent. Once the
 * worker took an answer it removes the bar; until it does, only "Not now" is sent again.
 */
export function barAnswers(deps: BarAnswerDeps): BarActions {
  let state: 'idle' | 'sending' | 'done' = 'idle';

  async function answer(request: BarAnswer, needsSight: boolean): Promise<void> {
    if (state === 'sending' || (state === 'done' && request.type !== 'bar.dismiss')) return;
    state = 'sending';
    try {
      if (needsSight && !(await deps.seen())) return deps.show(deps.t()('save.bar.hidden'));
      deps.show(null);
      await deps.send(request);
      state = 'done';
    } catch (error) {
      deps.show(errorText(deps.t(), asBackgroundError(error)));
    } finally {
      if (state === 'sending') state = 'idle';
    }
  }

  return {
    save: (choice) => void answer({ type: 'bar.save', ...choice }, true),
    update: () => void answer({ type: 'bar.update' }, true),
    never: () => void answer({ type: 'bar.never' }, true),
    dismiss: () => void answer({ type: 'bar.dismiss' }, false),
  };
}
