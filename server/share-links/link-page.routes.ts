import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { negotiateLanguage } from '../http/error-messages';
import { LINK_PAGE_CATALOGS } from './page-catalogs';
import { noStoreNoReferrer } from './link-page-headers';

// The page a share link opens (docs/sharing.md): static HTML, one script and one stylesheet built by
// scripts/build-node.mjs into dist/link-page/. Serving it reads and counts nothing, so chat previews
// and mail scanners that fetch the URL do not use a view: only the page's POST on "Reveal" does.

const ASSETS = { 'link-page.js': 'text/javascript; charset=utf-8', 'link-page.css': 'text/css; charset=utf-8' } as const;
type Asset = keyof typeof ASSETS;

// Beside the bundled server (dist/server.js), or from the source tree (tests run the TypeScript).
const ASSET_DIRS = [new URL('./link-page/', import.meta.url), new URL('../../dist/link-page/', import.meta.url)];
const loaded = new Map<Asset, Promise<Buffer>>();

async function readAsset(name: Asset): Promise<Buffer> {
  for (const dir of ASSET_DIRS) {
    try {
      return await readFile(new URL(name, dir));
    } catch {
      continue;
    }
  }
  throw new Error(`${name} is not built: run node scripts/build-node.mjs`);
}

function asset(name: Asset): Promise<Buffer> {
  if (!loaded.has(name)) loaded.set(name, readAsset(name).catch((error: unknown) => (loaded.delete(name), Promise.reject(error))));
  return loaded.get(name)!;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
// Inside <script type="application/json"> only "</script" could end the block early.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page in the language of `acceptLanguage`: its strings ride along as JSON, so the script carries no catalogs. */
export function linkPageHtml(acceptLanguage: string | undefined): string {
  const language = negotiateLanguage(acceptLanguage);
  const strings = LINK_PAGE_CATALOGS[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(strings.title)}</title>
<link rel="stylesheet" href="/assets/link-page.css">
<script type="application/json" id="link-strings">${scriptJson({ language, strings })}</script>
<script type="module" src="/assets/link-page.js"></script>
</head>
<body>
<main id="link-page" aria-live="polite">
<h1>${escapeHtml(strings.title)}</h1>
<noscript><p>${escapeHtml(strings.needsScript)}</p></noscript>
</main>
</body>
</html>`;
}

/** `GET /s/{id}` (the page) and its two assets, all with the link page's headers. */
export function linkPageRoutes(): Hono {
  return new Hono()
    .use('/s/*', noStoreNoReferrer)
    .use('/assets/link-page.*', noStoreNoReferrer)
    .get('/s/:id', (c) => c.html(linkPageHtml(c.req.header('accept-language'))))
    .get('/assets/:name{link-page\\.(js|css)}', async (c) => {
      const name = c.req.param('name') as Asset;
      return c.body(new Uint8Array(await asset(name)), 200, { 'content-type': ASSETS[name] });
    });
}
