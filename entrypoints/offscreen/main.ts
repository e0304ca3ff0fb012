import { browser } from '#imports';
import { createClearRequestListener } from './clear-request-listener';
import { emptyClipboard, readClipboard } from './document-clipboard';

browser.runtime.onMessage.addListener(createClearRequestListener({ read: () => readClipboard(document), empty: () => emptyClipboard(document) }, browser.runtime.id));
