import type { PageReplies } from '../../lib/messages/protocol';
import type { PopupModel } from '../popup/popup-model';

// The settings' sections that are only for administrators (Groups, People) each read the user's role
// from the member directory when they open, at the same moment: one request answers both.

const inFlight = new WeakMap<PopupModel, Promise<PageReplies['members.directory']>>();

/** The member directory; a request still on its way is shared rather than sent again. */
export function sharedDirectory(page: PopupModel): Promise<PageReplies['members.directory']> {
  const pending = inFlight.get(page);
  if (pending) return pending;
  const request = page.request({ type: 'members.directory' }).finally(() => inFlight.delete(page));
  inFlight.set(page, request);
  return request;
}

/** True when `login` is certified by the organisation as an administrator in `directory`. */
export function isAdministrator(directory: PageReplies['members.directory'], login: string | null): boolean {
  return directory.members.some((person) => person.login === login && person.role === 'administrator');
}
