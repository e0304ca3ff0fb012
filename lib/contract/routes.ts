import { getAppSettingsRoute } from './app-settings';
import { healthRoute } from './health';

/** Every route of the API; a convention test checks each is served and in the OpenAPI document. */
export const ROUTES = [healthRoute, getAppSettingsRoute] as const;
