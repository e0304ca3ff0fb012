import { z } from 'zod';

// What lib/contract needs from @hono/zod-openapi, without the OpenAPI generator and Hono behind it:
// the CLI parses answers with the same zod schemas but never serves or documents routes. The CLI
// bundle maps '@hono/zod-openapi' here (scripts/build-node.mjs); `keyhold run` start-up is a benchmark.

const prototype = z.ZodType.prototype as { openapi?: unknown };
// The schemas' OpenAPI names and examples only matter to the document the server generates.
prototype.openapi ??= function openapi(this: unknown) {
  return this;
};

/** A route definition as it is: the client reads its method, path and response schemas. */
export function createRoute<T>(config: T): T {
  return config;
}

export { z };
