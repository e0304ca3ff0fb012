import type { PageReplies } from '../../lib/messages/protocol';
import type { PopupModel } from '../popup/popup-model';

// The settings' sections for administration (Groups, People) read the member directory and the
// user's own permissions when they open, at the same moment: one request of each answers all.

const inFlight = new WeakMap<PopupModel, Promise<PageReplies['members.directory']>>();

/** The member directory; a request still on its way is shared rather than sent again. */
export function sharedDirectory(page: PopupModel): Promise<PageReplies['members.directory']> {
  const pending = inFlight.get(page);
  if (pending) return pending;
  const request = page.request({ type: 'members.directory' }).finally(() => inFlight.delete(page));
  inFlight.set(page, request);
  return request;
}

const permissionsInFlight = new WeakMap<PopupModel, Promise<PageReplies['admin.permissions']>>();

/**
 * What the signed-in account may administer (its role's permissions, and whether its certificate
 * makes it an administrator): read by each settings section that needs it, sent once at a time.
 */
export function sharedPermissions(page: PopupModel): Promise<PageReplies['admin.permissions']> {
  const pending = permissionsInFlight.get(page);
  if (pending) return pending;
  const request = page.request({ type: 'admin.permissions' }).finally(() => permissionsInFlight.delete(page));
  permissionsInFlight.set(page, request);
  return request;
}
