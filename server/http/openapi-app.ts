import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './env';
import { ApiError } from './errors';

/**
 * A sub-app whose routes validate against the contract; a failed validation is a 400
 * `validationFailed` naming the first offending field (e.g. `body.login`, `query.login`, `param.id`).
 */
export function createOpenApiApp(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      // zod-openapi calls the JSON body "json"; the API names it "body" (as services do).
      const target = result.target === 'json' ? 'body' : result.target;
      const field = [target, ...(issue?.path ?? [])].join('.');
      throw new ApiError('validationFailed', { field, detail: issue?.message });
    },
  });
}
