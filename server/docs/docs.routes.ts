import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { KEYHOLD_VERSION } from '../../lib/version';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/env';

// Interactive API docs from the locally installed swagger-ui-dist: installs may be offline, and a
// password manager's server should not pull scripts from a CDN.
const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Keyhold API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' });`;

/** `/api/v1/openapi.json` (OpenAPI 3.1, generated from the contract) and `/api/docs`. */
export function docsRoutes(api: OpenAPIHono<ApiEnv>): Hono {
  api.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Keyhold API', version: KEYHOLD_VERSION, description: 'Zero-knowledge vault server. Errors are always {"errors":[{"code","field","message"}]}.' },
  });
  return new Hono()
    .get('/api/docs', (c) => c.html(PAGE))
    .get('/api/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/api/docs/:asset', async (c) => {
      const type = ASSETS[c.req.param('asset')];
      if (!type) return c.notFound();
      return c.body(await readFile(join(SWAGGER_DIR, c.req.param('asset'))), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
