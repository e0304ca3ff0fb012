import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { catalogFile } from './lib/i18n/catalog-files';
import { LANGUAGES } from './lib/i18n/languages';
import { CATALOGS } from './lib/i18n/translate';
import { effLargeWordlist } from './lib/vault/wordlist';
import { WORDLIST_FILE } from './lib/vault/wordlist-file';

// zxcvbn's common dictionaries as the JSON files of its package, for the worker's password report
// (lib/vault/strength-estimator.ts: a service worker cannot import() the page's chunk).
const zxcvbnCommon = join(dirname(createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common')), '../src');

// One source, three targets: `wxt build -b chrome|edge` gives MV3 service workers, `-b firefox --mv3`
// gives a Firefox MV3 event page. Explicit imports only, so every dependency is visible to readers.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const file of ['passwords', 'adjacencyGraphs']) files.push({ absoluteSrc: join(zxcvbnCommon, `${file}.json`), relativeDest: `zxcvbn/${file}.json` });
      // One copy of the EFF large wordlist, a JSON array: the passphrase generator draws from it and
      // zxcvbn counts its words as guessable (its own "diceware" list is the same list, less 4 hyphens).
      files.push({ contents: JSON.stringify(effLargeWordlist), relativeDest: WORDLIST_FILE.slice(1) });
      // Each catalog once more as JSON, for the service worker (lib/i18n/catalog-files.ts).
      for (const language of LANGUAGES) files.push({ contents: JSON.stringify(CATALOGS[language]), relativeDest: catalogFile(language).slice(1) });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Keyhold',
    description: 'Zero-knowledge password manager for teams: autofill, TOTP and a vault that never trusts the server.',
    // clipboardRead/clipboardWrite: the 30-second clear checks the clipboard still holds what Keyhold
    // copied before emptying it; Chrome and Edge do that in an offscreen document (no DOM in a worker).
    // webNavigation: the frames of a tab with their URLs, so a fill can reach a login form in a frame
    // of the page's own site, the URL read from the browser rather than from the frame.
    // contextMenus: "Fill with Keyhold" on a text box.
    permissions: ['storage', 'alarms', 'activeTab', 'tabs', 'webNavigation', 'contextMenus', 'clipboardRead', 'clipboardWrite', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // The fill shortcuts; people change them in the browser's extension shortcut settings.
    commands: {
      'fill-login': { suggested_key: { default: 'Ctrl+Shift+L', mac: 'Command+Shift+L' }, description: 'Fill the login for this page' },
      'fill-next-login': { suggested_key: { default: 'Alt+Shift+L', mac: 'Alt+Shift+L' }, description: 'Fill the next login for this page' },
    },
    action: { default_title: 'Keyhold' },
    // The inline menu and the save bar are framed in pages. A page that frames a copy on its own
    // gets nothing: the worker serves only the menu or bar whose URL carries the token our content
    // script made when it drew it (docs/autofill.md, "The inline menu").
    web_accessible_resources: [{ resources: ['inline-menu.html', 'save-bar.html'], matches: ['<all_urls>'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'keyhold@keyhold.dev',
              strict_min_version: '140.0',
              // Keyhold sends nothing to its authors; Firefox asks every new add-on to say so.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
