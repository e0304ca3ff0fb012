import { browser } from '#imports';
import { errorText } from '../../lib/i18n/error-text';
import { resolveLanguage } from '../../lib/i18n/languages';
import { translator, type Translate } from '../../lib/i18n/translate';
import { ask } from '../../lib/messages/send';
import { trackVisibility } from '../inline-menu/visibility';
import { asBackgroundError, barAnswers } from './bar-answers';
import { renderBar, renderUnavailable } from './bar-view';
import { writableVaults } from './save-targets';

// The save bar (docs/autofill.md, "Saving"): an extension page the top frame's content script draws
// in a closed shadow root after a sign-in, with a token in its URL; the worker serves only the bar
// that carries it. It asks the worker what to offer and sends the user's answer; the worker then
// tells the content script to remove the bar.

/** How long the bar must have been seen before it takes an answer that changes something. */
const SEEN_BEFORE_ANSWER_MS = 500;

async function main(): Promise<void> {
  // Followed from load: the browser's first report takes up to 100 ms, and a click should not wait for it.
  const visibility = trackVisibility(document.documentElement);
  const root = document.getElementById('bar')!;
  const notice = document.getElementById('notice')!;
  let t: Translate = translator('en');
  const show = (text: string | null) => {
    notice.textContent = text ?? '';
    notice.hidden = text === null;
    // The alert is below the buttons, where a long one leaves the frame: bring it into view. Only
    // body scrolls; scrollIntoView could scroll the page around the bar too.
    if (text !== null) document.body.scrollTop = document.body.scrollHeight;
  };
  const actions = barAnswers({ send: (request) => ask(browser.runtime, request), seen: () => visibility.seenFor(SEEN_BEFORE_ANSWER_MS), show, t: () => t });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.dismiss();
  });
  try {
    const status = await ask(browser.runtime, { type: 'status' });
    const language = resolveLanguage(status.language, navigator.languages);
    t = translator(language);
    document.documentElement.lang = language;
    const offer = await ask(browser.runtime, { type: 'bar.offer' });
    if (offer.kind === 'update') return renderBar(root, t, offer, null, actions);
    // Without the vault list the offer is still shown, with Save off and the reason in the alert.
    const vaults = await ask(browser.runtime, { type: 'vault.tree' }).then(writableVaults, (error: unknown) => (show(errorText(t, asBackgroundError(error))), null));
    renderBar(root, t, offer, vaults, actions);
  } catch (error) {
    show(errorText(t, asBackgroundError(error)));
    renderUnavailable(root, t, actions);
  }
}

void main();
