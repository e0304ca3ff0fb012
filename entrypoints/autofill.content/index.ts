import { defineContentScript } from '#imports';
import { watchLoginFields } from './field-watch';
import { init as initFill } from './fill-listener';
import { createInlineMenu } from './inline-menu';
import { watchSentLogins } from './login-capture';
import { init as initProbe } from './probe';
import { createSaveBar, listenForSaveBar } from './save-bar';

export default defineContentScript({
  matches: ['<all_urls>'],
  // Every frame: a login form may be in a frame of the page's own site (the worker decides which frame it fills).
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    const menu = createInlineMenu();
    initProbe(controller.signal);
    initFill(controller.signal, menu);
    watchLoginFields(menu, controller.signal);
    const bar = createSaveBar();
    listenForSaveBar(bar, controller.signal);
    watchSentLogins(bar, controller.signal);
  },
});
