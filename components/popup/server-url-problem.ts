import type { MessageKey } from '../../lib/i18n/translate';
import { normaliseServerUrl, ServerUrlError } from '../../lib/session/server-url';

/**
 * Why a typed server address cannot be used, or null. The background checks again (serverNotHttps);
 * checking here first answers at once, without a round trip to a server that may not exist.
 */
export function serverUrlProblem(typed: string): MessageKey | null {
  try {
    normaliseServerUrl(typed);
    return null;
  } catch (error) {
    if (error instanceof ServerUrlError && error.reason === 'notHttps') return 'firstRun.error.notHttps';
    return 'firstRun.error.invalidUrl';
  }
}
