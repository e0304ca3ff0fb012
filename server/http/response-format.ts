import type { MiddlewareHandler } from 'hono';

/**
 * Passwork-style `X-Response-Format: base64`: the JSON body is returned as
 * `{"format":"base64","content":"<base64 of the JSON>"}`. lib/api unwraps it transparently.
 */
export const responseFormat: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.header('x-response-format')?.toLowerCase() !== 'base64') return;
  if (!c.res.headers.get('content-type')?.startsWith('application/json')) return;
  // A download (an audit export) is a file streamed as it is read, not an answer to wrap.
  if (c.res.headers.has('content-disposition')) return;
  const json = await c.res.text();
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(JSON.stringify({ format: 'base64', content: Buffer.from(json).toString('base64') }), { status: c.res.status, headers });
};
