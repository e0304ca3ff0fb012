import embeddedForOthers from './saving-data/websites-that-ask-for-credentials-for-other-services-when-embedded-as-third-party.json';
import { parseUrl } from '../matching/page-url';

// Sites that, framed by another site, ask for the user's credentials of a third service — a bank
// login inside a payments widget (Apple's password-manager-resources, MIT, a copy with its licence
// in ./saving-data). What is typed there is not a login for the frame's site: never offer to save it.

const SITES: ReadonlySet<string> = new Set(embeddedForOthers as string[]);

/** Whether a login sent from a frame at `frameUrl` inside a page at `topUrl` belongs to another service. */
export function asksForOtherServices(frameUrl: string, topUrl: string): boolean {
  const frame = parseUrl(frameUrl);
  const top = parseUrl(topUrl);
  if (!frame || !top || frame.siteKey === top.siteKey) return false;
  return SITES.has(frame.siteKey);
}
