import type { MiddlewareHandler } from 'hono';
import { batchRoute } from '../../lib/contract/batch';
import type { ApiEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { createOpenApiApp } from '../http/openapi-app';

/** Serves one request through the whole app, as if it had come over the network. */
export type Dispatch = (request: Request, env: unknown) => Response | Promise<Response>;

// The caller's identity and preferences carry over to every sub-request; the response format does
// not (the batch as a whole is encoded once).
const FORWARDED = ['authorization', 'passwork-masterkeyhash', 'x-master-key-hash', 'passwork-browsermode', 'accept-language', 'user-agent'];

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `POST /api/v1/batch`: sub-requests run one after another, each authenticated and validated on its own. */
export function batchRoutes(dispatch: () => Dispatch, authenticated: MiddlewareHandler<ApiEnv>) {
  return createOpenApiApp().openapi({ ...batchRoute, middleware: authenticated }, async (c) => {
    const responses = [];
    for (const sub of c.req.valid('json').requests) {
      const headers = new Headers();
      for (const name of FORWARDED) {
        const value = c.req.header(name);
        if (value !== undefined) headers.set(name, value);
      }
      const hasBody = sub.body !== undefined && sub.method !== 'GET';
      if (hasBody) headers.set('content-type', 'application/json');
      const url = new URL(sub.path, c.req.url);
      // The contract refuses dot segments; this guards the resolved path itself.
      if (!url.pathname.startsWith('/api/v1/') || url.pathname.startsWith('/api/v1/batch')) throw new ApiError('validationFailed', { field: 'body.requests', detail: 'a sub-request must stay under /api/v1/ and not be a batch' });
      const request = new Request(url, { method: sub.method, headers, ...(hasBody ? { body: JSON.stringify(sub.body) } : {}) });
      const response = await dispatch()(request, c.env);
      responses.push({ status: response.status, body: await bodyOf(response) });
    }
    return c.json({ responses }, 200);
  });
}
