import { setupRoute } from '../../lib/contract/setup';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SetupService } from './setup.service';

/** `POST /api/v1/app/setup`. */
export function setupRoutes(service: SetupService) {
  return createOpenApiApp().openapi(setupRoute, async (c) => c.json(await service.setup(c.req.valid('json'), clientInfo(c)), 201));
}
