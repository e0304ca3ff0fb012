import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize } from 'node:path';
import { ROOT } from './paths';

const PAGES = join(ROOT, 'tests/fixtures/pages');
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** A local web server for the fixture pages, reachable as localhost or as any *.test name. */
export interface StaticSite {
  port: number;
  /** `http://<host>:<port>/<page>`; host defaults to localhost. */
  url(page: string, host?: string): string;
  close(): Promise<void>;
}

/** Serves tests/fixtures/pages on a free loopback port. */
export async function startStaticSite(): Promise<StaticSite> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(PAGES, path));
      // A page named sandboxed.html is served as user content often is: in a CSP sandbox, its origin opaque.
      const sandbox = basename(path) === 'sandboxed.html' ? { 'content-security-policy': 'sandbox allow-scripts allow-forms' } : {};
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', ...sandbox });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (page, host = 'localhost') => `http://${host}:${port}/${page}`,
    close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        // Browsers keep connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
