import { browser, defineBackground } from '#imports';
import { createBackgroundListener, type RouterBrowser } from '../lib/messages/background-router';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener(createBackgroundListener(browser as unknown as RouterBrowser));
});
