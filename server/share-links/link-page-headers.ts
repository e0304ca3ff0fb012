import type { MiddlewareHandler } from 'hono';

// The recipient's page and the reveal answer carry a secret in the page (the fragment, then the
// data): nothing may be cached, no Referer may carry the page's URL to another site, and the page
// may run nothing but its own script, load nothing from elsewhere and sit in no frame.

/** The CSP of the link page: its own script and stylesheet, calls to this server, nothing else. */
export const LINK_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sets no-store, no-referrer, nosniff and the link page's CSP before the handler runs (errors keep them). */
export const noStoreNoReferrer: MiddlewareHandler = async (c, next) => {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('content-security-policy', LINK_PAGE_CSP);
  c.header('x-content-type-options', 'nosniff');
  await next();
};
