import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';

/** Which browser origins may call the API, and how large a request body may be. */
export interface HttpPolicy {
  /** Exact origins (e.g. `https://vault.acme.test`, `chrome-extension://<id>`); empty = any browser-extension origin. */
  allowedOrigins: string[];
  maxBodyBytes: number;
}

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:'];

function originAllowed(origin: string, policy: HttpPolicy): boolean {
  if (policy.allowedOrigins.length > 0) return policy.allowedOrigins.includes(origin);
  return EXTENSION_SCHEMES.some((scheme) => origin.startsWith(`${scheme}//`));
}

const SECURITY_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // Swagger UI sets inline styles on its elements; scripts stay same-origin files.
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language, Passwork-BrowserMode, Passwork-MasterKeyHash, X-Master-Key-Hash, X-Response-Format';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

/**
 * Secure headers (HSTS, nosniff, no framing, a strict CSP for the few pages the server renders),
 * CORS limited to extension origins or the configured ones, and a body-size limit that answers 413
 * before a large body is read.
 *
 * The headers are set before the handler runs, not after as hono/secure-headers and hono/cors do:
 * touching a finished response's headers makes @hono/node-server rebuild it on its slow path, which
 * measured at a quarter of the throughput (bench server.healthz_ratio).
 */
export function applyHttpPolicy(app: Hono, policy: HttpPolicy): void {
  app.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && originAllowed(origin, policy);
    if (allowed) {
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin');
    }
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      // A preflight: answer it here. Without the allow-origin header the browser refuses the call.
      if (allowed) {
        c.header('access-control-allow-methods', ALLOWED_METHODS);
        c.header('access-control-allow-headers', ALLOWED_HEADERS);
        c.header('access-control-max-age', '600');
      }
      return c.body(null, 204);
    }
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: policy.maxBodyBytes,
    onError: () => {
      throw new ApiError('payloadTooLarge', { detail: `request body over ${policy.maxBodyBytes} bytes` });
    },
  });
  // Only where a body can be: the limiter touches the raw request, which costs a GET three quarters
  // of its throughput on @hono/node-server for nothing.
  app.use('*', (c, next) => (BODYLESS.has(c.req.method) ? next() : limitBody(c, next)));
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The policy from the environment: `KEYHOLD_CORS_ORIGINS` (comma-separated) and `KEYHOLD_MAX_BODY_BYTES`. */
export function httpPolicyFromEnvironment(env: NodeJS.ProcessEnv = process.env): HttpPolicy {
  const maxBodyBytes = Number(env.KEYHOLD_MAX_BODY_BYTES ?? 1024 * 1024);
  return {
    allowedOrigins: (env.KEYHOLD_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxBodyBytes: Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0 ? maxBodyBytes : 1024 * 1024,
  };
}
