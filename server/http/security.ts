import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
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

/**
 * Secure headers (HSTS, nosniff, no framing, a strict CSP for the few pages the server renders),
 * CORS limited to extension origins or the configured ones, and a body-size limit that answers 413
 * before a large body is read.
 */
export function applyHttpPolicy(app: Hono, policy: HttpPolicy): void {
  app.use(
    '*',
    secureHeaders({
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Swagger UI sets inline styles on its elements; scripts stay same-origin files.
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '*',
    cors({
      origin: (origin) => (originAllowed(origin, policy) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'Passwork-BrowserMode', 'Passwork-MasterKeyHash', 'X-Master-Key-Hash', 'X-Response-Format'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: policy.maxBodyBytes,
      onError: () => {
        throw new ApiError('payloadTooLarge', { detail: `request body over ${policy.maxBodyBytes} bytes` });
      },
    }),
  );
}

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
