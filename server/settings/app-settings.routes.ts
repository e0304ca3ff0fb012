import { getAppSettingsRoute } from '../../lib/contract/app-settings';
import { createOpenApiApp } from '../http/openapi-app';
import type { AppSettingsService } from './app-settings.service';

/** `GET /api/v1/app/settings`: public, read before sign-up and login. */
export function appSettingsRoutes(service: AppSettingsService) {
  return createOpenApiApp().openapi(getAppSettingsRoute, async (c) => c.json(await service.publicSettings(), 200));
}
