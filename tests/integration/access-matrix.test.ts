import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient, InvalidResponseError, type RouteInput, type RouteOutput } from '../../lib/api/client';
import { getAppSettingsRoute, getKdfTargetRoute, updateKdfTargetRoute, updatePasswordPolicyRoute } from '../../lib/contract/app-settings';
import { batchRoute } from '../../lib/contract/batch';
import { createFolderRoute, listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from '../../lib/contract/folders';
import { addGroupMemberRoute, createGroupRoute, deleteGroupRoute, listGroupsRoute, removeGroupMemberRoute, renameGroupRoute } from '../../lib/contract/groups';
import { healthRoute } from '../../lib/contract/health';
import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, listInvitationsRoute, organisationKeysRoute, pendingMembersRoute } from '../../lib/contract/invitations';
import { bulkCreateItemsRoute, createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, rekeyItemRoute, restoreItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { changeMasterKeyRoute } from '../../lib/contract/master-key';
import { reportClientEventsRoute } from '../../lib/contract/client-events';
import { createShortcutRoute, deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, sendToInboxRoute } from '../../lib/contract/entry-shares';
import { wrapForInbox, wrapForShortcut } from '../../lib/vault/entry-shares';
import { createShareLinkRoute, listEntryLinksRoute, listOwnLinksRoute, revokeShareLinkRoute } from '../../lib/contract/share-links';
import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from '../../lib/contract/mfa';
import { ROUTES } from '../../lib/contract/routes';
import { completeAttachmentRoute, createAttachmentRoute, deleteAttachmentRoute, downloadAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute } from '../../lib/contract/attachments';
import { partLength } from '../../lib/contract/attachment-parts';
import { sealAttachment } from '../../lib/vault/attachment';
import { uploadPattern } from '../helpers/attachment-files';
import { listSessionsRoute, loginRoute, refreshRoute, revokeSessionRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { syncRoute } from '../../lib/contract/sync';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { getVaultAccessRoute, putVaultAccessRoute, putVaultKeyWrapRoute, removeVaultAccessRoute, rotateVaultKeyRoute } from '../../lib/contract/vault-access';
import { createVaultRoute, deleteVaultRoute, getVaultRoute, listMembersDirectoryRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from '../../lib/contract/vaults';
import { moveItem, openItem, readInput, sealRevision, updateItem } from '../../lib/vault/item';
import { randomBytes } from '../../lib/crypto/bytes';
import { newId } from '../../lib/vault/owner-setup';
import { prepareVault, rotatedVaultKey, wrapVaultKey } from '../../lib/vault/vault-keys';
import { ACTORS, createMatrixWorld, grant, isLevelActor, LEVEL_ACTORS, memberOf, WAYS, wayVault, type Actor, type MatrixWorld, type SharedVault, type Way } from '../helpers/access-matrix-world';
import type { TestMember } from '../helpers/organisation';
import { routeName } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { newFolder, newItem, sealedItem, withPassword } from '../helpers/vault-fixtures';
import { shareLinkBody } from '../helpers/share-link-route-cases';

// Issue #10's access matrix over HTTP on both engines: every vault, access, group, folder, item,
// sync and batch route, called by each of nine callers — no token, a holder of each of the six
// levels (docs/access-control.md), an instance administrator and the organisation's owner — with
// the level given each way (access-matrix-world.ts: directly, through a group, as a folder
// override looked at inside the folder and beside it, and in a company vault). What each call must answer is written out by hand in
// EXPECTED below, from the documented table of levels and "What routes answer", never computed
// from server/access; the one assertion per engine lists every cell that differs.

/**
 * Routes that are not about a vault: nobody's level in any vault changes what they answer, so the
 * matrix has no row for them (their refusals are tested in their own suites): health, app
 * settings, first-run setup, sign-in and sessions, the caller's own keys and master key, the
 * organisation's invitations and certificates, user administration and roles (roles.test.ts),
 * two-step sign-in. A route added to ROUTES must either get a row or be named here.
 */
const NOT_VAULT_SCOPED: readonly RouteConfig[] = [
  healthRoute,
  getAppSettingsRoute,
  updatePasswordPolicyRoute,
  getKdfTargetRoute,
  updateKdfTargetRoute,
  setupRoute,
  loginRoute,
  refreshRoute,
  listSessionsRoute,
  revokeSessionRoute,
  masterKeyOptionsRoute,
  meRoute,
  userKeysRoute,
  changeMasterKeyRoute,
  userPublicKeyRoute,
  createInvitationRoute,
  listInvitationsRoute,
  invitationInfoRoute,
  acceptInvitationRoute,
  pendingMembersRoute,
  certifyMemberRoute,
  organisationKeysRoute,
  ...ROUTES.slice(ROUTES.indexOf(organisationKeysRoute) + 1, ROUTES.indexOf(startTotpRoute)), // user administration, roles, the audit log and its chain, the audit signals and machine accounts (lib/contract/admin-users.ts, roles.ts, audit-log.ts, audit-chain.ts, security-signals.ts, machines.ts) and a share link's reveal (no account)
  startTotpRoute,
  confirmTotpRoute,
  disableMfaRoute,
  listInboxRoute, // what was sent to the caller: theirs whatever their rights
  listOwnLinksRoute, // the share links the caller made: theirs whatever their rights
];

/*
 * The expected answers, by hand. One row per way (or one row `any` for a route no vault right
 * touches: creating a vault, the member directory, groups), one cell per column in this order:
 *
 *   anonymous  forbidden  navigation  read  edit  full  admin  instanceAdmin  owner
 *
 * A cell is a status. A refusal's error code is the status's usual one: 401 unauthenticated, 403
 * forbidden, 404 notFound, 409 conflict, 400 validationFailed (any other code is written
 * `status/code`). A list route adds after `:` what of the way's vault it shows: v the vault, f the
 * folder inside the target folder, i the item inside it (`-`: none of them). Reading a vault adds
 * the level it is served at; the batch adds the sub-request's answer.
 *
 * In the `folder` and `beside` ways the level holders have the column's level on folder F, and at
 * the vault root: forbidden → admin, navigation → full, read → admin, edit → forbidden (the vault is
 * seen at navigation, through F), full → none (likewise), admin → read. Routes about the vault
 * itself follow that root level; routes about what lies inside F (`folder`) follow the column's
 * level; what lies in a folder beside F (`beside`) follows the root level again. The owner and the
 * instance administrator are named
 * in no private vault of the creator: it does not exist for them. In the company vault they are
 * administrators.
 */
type Rows = Partial<Record<Way | 'any', string>>;

// prettier-ignore
const EXPECTED: Record<string, Rows> = {
  //                                anon forb   nav    read   edit   full   admin  inst   owner
  'GET /api/v1/vaults': {
    direct:                        '401  200:-  200:v  200:v  200:v  200:v  200:v  200:-  200:-',
    group:                         '401  200:-  200:v  200:v  200:v  200:v  200:v  200:-  200:-',
    folder:                        '401  200:v  200:v  200:v  200:v  200:v  200:v  200:-  200:-',
    beside:                        '401  200:v  200:v  200:v  200:v  200:v  200:v  200:-  200:-',
    company:                       '401  200:-  200:v  200:v  200:v  200:v  200:v  200:v  200:v',
  },
  'POST /api/v1/vaults': {
    any:                           '401  201    201    201    201    201    201    201    201',
  },
  // With the level the vault is served at (nav: navigation).
  'GET /api/v1/vaults/{id}': {
    direct:                        '401  404        200:nav    200:read   200:edit   200:full   200:admin  404        404',
    group:                         '401  404        200:nav    200:read   200:edit   200:full   200:admin  404        404',
    folder:                        '401  200:admin  200:full   200:admin  200:nav    200:nav    200:read   404        404',
    beside:                        '401  200:admin  200:full   200:admin  200:nav    200:nav    200:read   404        404',
    company:                       '401  404        200:nav    200:read   200:edit   200:full   200:admin  200:admin  200:admin',
  },
  'PATCH /api/v1/vaults/{id}': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  200    200    200    403    403    403    404    404',
    beside:                        '401  200    200    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'DELETE /api/v1/vaults/{id}': {
    direct:                        '401  404    403    403    403    403    204    404    404',
    group:                         '401  404    403    403    403    403    204    404    404',
    folder:                        '401  204    403    204    403    403    403    404    404',
    beside:                        '401  204    403    204    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    204    204    204',
  },
  'GET /api/v1/vaults/{id}/members': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  200    200    200    403    403    403    404    404',
    beside:                        '401  200    200    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'PUT /api/v1/vaults/{id}/members/{userId}': {
    direct:                        '401  404    403    403    403    403    200    404    404',
    group:                         '401  404    403    403    403    403    200    404    404',
    folder:                        '401  200    403    200    403    403    403    404    404',
    beside:                        '401  200    403    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    200    200    200',
  },
  'DELETE /api/v1/vaults/{id}/members/{userId}': {
    direct:                        '401  404    403    403    403    403    204    404    404',
    group:                         '401  404    403    403    403    403    204    404    404',
    folder:                        '401  204    403    204    403    403    403    404    404',
    beside:                        '401  204    403    204    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    204    204    204',
  },
  'GET /api/v1/members': {
    any:                           '401  200    200    200    200    200    200    200    200',
  },
  'GET /api/v1/vaults/{id}/access': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  200    200    200    403    403    403    404    404',
    beside:                        '401  200    200    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'PUT /api/v1/vaults/{id}/access/{principalType}/{principalId}': {
    direct:                        '401  404    403    403    403    403    200    404    404',
    group:                         '401  404    403    403    403    403    200    404    404',
    folder:                        '401  200    403    200    403    403    403    404    404',
    beside:                        '401  200    403    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    200    200    200',
  },
  'DELETE /api/v1/vaults/{id}/access/{principalType}/{principalId}': {
    direct:                        '401  404    403    403    403    403    204    404    404',
    group:                         '401  404    403    403    403    403    204    404    404',
    folder:                        '401  204    403    204    403    403    403    404    404',
    beside:                        '401  204    403    204    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    204    204    204',
  },
  'PUT /api/v1/vaults/{id}/wraps/{userId}': {
    direct:                        '401  404    403    403    403    403    204    404    404',
    group:                         '401  404    403    403    403    403    204    404    404',
    folder:                        '401  204    403    204    403    403    403    404    404',
    beside:                        '401  204    403    204    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    204    204    204',
  },
  // Rotating is managing access: administrators at the vault root.
  'POST /api/v1/vaults/{id}/rotate': {
    direct:                        '401  404    403    403    403    403    200    404    404',
    group:                         '401  404    403    403    403    403    200    404    404',
    folder:                        '401  200    403    200    403    403    403    404    404',
    beside:                        '401  200    403    200    403    403    403    404    404',
    company:                       '401  404    403    403    403    403    200    200    200',
  },
  'GET /api/v1/groups': {
    any:                           '401  200    200    200    200    200    200    200    200',
  },
  'POST /api/v1/groups': {
    any:                           '401  403    403    403    403    403    403    201    201',
  },
  'PATCH /api/v1/groups/{id}': {
    any:                           '401  403    403    403    403    403    403    200    200',
  },
  'DELETE /api/v1/groups/{id}': {
    any:                           '401  403    403    403    403    403    403    204    204',
  },
  'PUT /api/v1/groups/{id}/members/{userId}': {
    any:                           '401  403    403    403    403    403    403    200    200',
  },
  'DELETE /api/v1/groups/{id}/members/{userId}': {
    any:                           '401  403    403    403    403    403    403    200    200',
  },
  'GET /api/v1/folders': {
    direct:                        '401  404    200:f  200:f  200:f  200:f  200:f  404    404',
    group:                         '401  404    200:f  200:f  200:f  200:f  200:f  404    404',
    folder:                        '401  200:-  200:f  200:f  200:f  200:f  200:f  404    404',
    beside:                        '401  200:f  200:f  200:f  200:-  200:-  200:f  404    404',
    company:                       '401  404    200:f  200:f  200:f  200:f  200:f  200:f  200:f',
  },
  'POST /api/v1/folders': {
    direct:                        '401  404    403    403    201    201    201    404    404',
    group:                         '401  404    403    403    201    201    201    404    404',
    folder:                        '401  404    403    403    201    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    403    403    201    201    201    201    201',
  },
  'PATCH /api/v1/folders/{id} (rename)': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  404    403    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'PATCH /api/v1/folders/{id} (move)': {
    direct:                        '401  404    403    403    403    403    200    404    404',
    group:                         '401  404    403    403    403    403    200    404    404',
    folder:                        '401  404    403    403    403    403    200    404    404',
    beside:                        '401  200    403    200    404    404    403    404    404',
    company:                       '401  404    403    403    403    403    200    200    200',
  },
  'DELETE /api/v1/folders/{id}': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  404    403    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'POST /api/v1/folders/{id}/restore': {
    direct:                        '401  404    403    403    403    200    200    404    404',
    group:                         '401  404    403    403    403    200    200    404    404',
    folder:                        '401  404    403    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    403    403    403    200    200    200    200',
  },
  'POST /api/v1/folders/{id}/purge': {
    direct:                        '401  404    403    403    403    204    204    404    404',
    group:                         '401  404    403    403    403    204    204    404    404',
    folder:                        '401  404    403    403    403    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    403    403    403    204    204    204    204',
  },
  'POST /api/v1/items': {
    direct:                        '401  404    403    403    201    201    201    404    404',
    group:                         '401  404    403    403    201    201    201    404    404',
    folder:                        '401  404    403    403    201    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    403    403    201    201    201    201    201',
  },
  'GET /api/v1/items/search': {
    direct:                        '401  200:-  200:-  200:i  200:i  200:i  200:i  200:-  200:-',
    group:                         '401  200:-  200:-  200:i  200:i  200:i  200:i  200:-  200:-',
    folder:                        '401  200:-  200:-  200:i  200:i  200:i  200:i  200:-  200:-',
    beside:                        '401  200:i  200:i  200:i  200:-  200:-  200:i  200:-  200:-',
    company:                       '401  200:-  200:-  200:i  200:i  200:i  200:i  200:i  200:i',
  },
  'GET /api/v1/items/{id}': {
    direct:                        '401  404    404    200    200    200    200    404    404',
    group:                         '401  404    404    200    200    200    200    404    404',
    folder:                        '401  404    404    200    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    200    404    404',
    company:                       '401  404    404    200    200    200    200    200    200',
  },
  'PUT /api/v1/items/{id} (edit)': {
    direct:                        '401  404    404    403    200    200    200    404    404',
    group:                         '401  404    404    403    200    200    200    404    404',
    folder:                        '401  404    404    403    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    200    200    200    200    200',
  },
  'PUT /api/v1/items/{id} (to another folder)': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  'POST /api/v1/items/{id}/move': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  'DELETE /api/v1/items/{id}': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  'POST /api/v1/items/{id}/restore': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  'POST /api/v1/items/{id}/purge': {
    direct:                        '401  404    404    403    403    204    204    404    404',
    group:                         '401  404    404    403    403    204    204    404    404',
    folder:                        '401  404    404    403    403    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    404    403    403    204    204    204    204',
  },
  // Re-keying reads the entry where it is and is managing access at the vault root.
  'POST /api/v1/items/{id}/rekey': {
    direct:                        '401  404    404    403    403    403    200    404    404',
    group:                         '401  404    404    403    403    403    200    404    404',
    folder:                        '401  404    404    200    403    403    403    404    404',
    beside:                        '401  200    403    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    403    200    200    200',
  },
  // Reports of what a client did with an item's secrets: the item's readers, as for reading it.
  'POST /api/v1/events': {
    direct:                        '401  404    404    204    204    204    204    404    404',
    group:                         '401  404    404    204    204    204    204    404    404',
    folder:                        '401  404    404    204    204    204    204    404    404',
    beside:                        '401  204    204    204    404    404    204    404    404',
    company:                       '401  404    404    204    204    204    204    204    204',
  },
  'GET /api/v1/items/{id}/snapshots': {
    direct:                        '401  404    404    200    200    200    200    404    404',
    group:                         '401  404    404    200    200    200    200    404    404',
    folder:                        '401  404    404    200    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    200    404    404',
    company:                       '401  404    404    200    200    200    200    200    200',
  },
  'GET /api/v1/items/{id}/snapshots/{revision}': {
    direct:                        '401  404    404    200    200    200    200    404    404',
    group:                         '401  404    404    200    200    200    200    404    404',
    folder:                        '401  404    404    200    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    200    404    404',
    company:                       '401  404    404    200    200    200    200    200    200',
  },
  'GET /api/v1/sync': {
    direct:                        '401  200:-  200:vf 200:vfi 200:vfi 200:vfi 200:vfi 200:- 200:-',
    group:                         '401  200:-  200:vf 200:vfi 200:vfi 200:vfi 200:vfi 200:- 200:-',
    folder:                        '401  200:v  200:vf 200:vfi 200:vfi 200:vfi 200:vfi 200:- 200:-',
    beside:                        '401  200:vfi 200:vfi 200:vfi 200:v 200:v  200:vfi 200:- 200:-',
    company:                       '401  200:-  200:vf 200:vfi 200:vfi 200:vfi 200:vfi 200:vfi 200:vfi',
  },
  // The sub-request reads the target item: GET /api/v1/items/{id}.
  'POST /api/v1/batch': {
    direct:                        '401  200:404 200:404 200:200 200:200 200:200 200:200 200:404 200:404',
    group:                         '401  200:404 200:404 200:200 200:200 200:200 200:200 200:404 200:404',
    folder:                        '401  200:404 200:404 200:200 200:200 200:200 200:200 200:404 200:404',
    beside:                        '401  200:200 200:200 200:200 200:404 200:404 200:200 200:404 200:404',
    company:                       '401  200:404 200:404 200:200 200:200 200:200 200:200 200:200 200:200',
  },
  // Sharing one entry is shareEntries (full) where it is; a shortcut goes to the caller's own vault.
  'GET /api/v1/items/{id}/shares': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  'POST /api/v1/items/{id}/shortcuts': {
    direct:                        '401  404    404    403    403    201    201    404    404',
    group:                         '401  404    404    403    403    201    201    404    404',
    folder:                        '401  404    404    403    403    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    404    403    403    201    201    201    201',
  },
  // A shortcut the creator placed in the target folder: removing it is editing entries there.
  'DELETE /api/v1/shortcuts/{id}': {
    direct:                        '401  404    404    403    204    204    204    404    404',
    group:                         '401  404    404    403    204    204    204    404    404',
    folder:                        '401  404    404    403    204    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    404    403    204    204    204    204    204',
  },
  'POST /api/v1/items/{id}/inbox': {
    direct:                        '401  404    404    403    403    201    201    404    404',
    group:                         '401  404    404    403    403    201    201    404    404',
    folder:                        '401  404    404    403    403    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    404    403    403    201    201    201    201',
  },
  // A share the creator sent to the bystander: neither sender nor recipient revokes it by managing access where the entry is (404 where it is not read).
  'DELETE /api/v1/inbox/{id}': {
    direct:                        '401  404    404    403    403    403    204    404    404',
    group:                         '401  404    404    403    403    403    204    404    404',
    folder:                        '401  404    404    403    403    403    204    404    404',
    beside:                        '401  204    403    204    404    404    403    404    404',
    company:                       '401  404    404    403    403    403    204    204    204',
  },
  // Share links (docs/sharing.md): making and listing an entry's links is shareEntries where it is.
  'POST /api/v1/items/{id}/links': {
    direct:                        '401  404    404    403    403    201    201    404    404',
    group:                         '401  404    404    403    403    201    201    404    404',
    folder:                        '401  404    404    403    403    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    404    403    403    201    201    201    201',
  },
  'GET /api/v1/items/{id}/links': {
    direct:                        '401  404    404    403    403    200    200    404    404',
    group:                         '401  404    404    403    403    200    200    404    404',
    folder:                        '401  404    404    403    403    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    403    200    200    200    200',
  },
  // A link the creator made: anyone else revokes it only where they may share the entry.
  'DELETE /api/v1/links/{id}': {
    direct:                        '401  404    404    403    403    204    204    404    404',
    group:                         '401  404    404    403    403    204    204    404    404',
    folder:                        '401  404    404    403    403    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    404    403    403    204    204    204    204',
  },
  // Attachments: reading the entry lists and downloads its files, editing it adds and removes them.
  'GET /api/v1/items/{id}/attachments': {
    direct:                        '401  404    404    200    200    200    200    404    404',
    group:                         '401  404    404    200    200    200    200    404    404',
    folder:                        '401  404    404    200    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    200    404    404',
    company:                       '401  404    404    200    200    200    200    200    200',
  },
  'POST /api/v1/items/{id}/attachments': {
    direct:                        '401  404    404    403    201    201    201    404    404',
    group:                         '401  404    404    403    201    201    201    404    404',
    folder:                        '401  404    404    403    201    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    404    403    201    201    201    201    201',
  },
  'PUT /api/v1/items/{id}/attachments/{attachmentId}/parts/{part}': {
    direct:                        '401  404    404    403    204    204    204    404    404',
    group:                         '401  404    404    403    204    204    204    404    404',
    folder:                        '401  404    404    403    204    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    404    403    204    204    204    204    204',
  },
  'POST /api/v1/items/{id}/attachments/{attachmentId}/complete': {
    direct:                        '401  404    404    403    200    200    200    404    404',
    group:                         '401  404    404    403    200    200    200    404    404',
    folder:                        '401  404    404    403    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    403    404    404',
    company:                       '401  404    404    403    200    200    200    200    200',
  },
  'GET /api/v1/items/{id}/attachments/{attachmentId}': {
    direct:                        '401  404    404    200    200    200    200    404    404',
    group:                         '401  404    404    200    200    200    200    404    404',
    folder:                        '401  404    404    200    200    200    200    404    404',
    beside:                        '401  200    200    200    404    404    200    404    404',
    company:                       '401  404    404    200    200    200    200    200    200',
  },
  'DELETE /api/v1/items/{id}/attachments/{attachmentId}': {
    direct:                        '401  404    404    403    204    204    204    404    404',
    group:                         '401  404    404    403    204    204    204    404    404',
    folder:                        '401  404    404    403    204    204    204    404    404',
    beside:                        '401  204    204    204    404    404    403    404    404',
    company:                       '401  404    404    403    204    204    204    204    204',
  },
  // An import's bulk create: the right to create entries where they are filed, as for one item.
  'POST /api/v1/vaults/{vaultId}/items/bulk': {
    direct:                        '401  404    403    403    201    201    201    404    404',
    group:                         '401  404    403    403    201    201    201    404    404',
    folder:                        '401  404    403    403    201    201    201    404    404',
    beside:                        '401  201    201    201    404    404    403    404    404',
    company:                       '401  404    403    403    201    201    201    201    201',
  },
};


/** One call of a case: the world, the way, the column, who calls (null: no token) and whose keys build the request. */
interface Ctx {
  w: MatrixWorld;
  way: Way;
  actor: Actor;
  caller: TestMember | null;
  /** The caller, or the creator for the anonymous column (whose request is refused before anything is read). */
  as: TestMember;
  /** The way's shared vault. */
  shared: SharedVault;
}

interface Probe {
  /** The row of EXPECTED: the route, and which use of it when it has several. */
  name: string;
  route: RouteConfig;
  /** False for a route no vault right touches: one row `any`, called once. */
  perWay: boolean;
  /** Builds the request (on fresh objects when the call changes something) and answers what came back, as a cell. */
  run(c: Ctx): Promise<string>;
}

const USUAL_CODE: Record<number, string> = { 400: 'validationFailed', 401: 'unauthenticated', 403: 'forbidden', 404: 'notFound', 409: 'conflict' };
const refusalCell = (status: number, code: string | undefined) => (code === USUAL_CODE[status] ? `${status}` : `${status}/${code ?? '?'}`);

/** Calls `route` as the context's caller; the cell is the status, with what `seen` reports of a success. */
async function call<R extends RouteConfig>(c: Ctx, route: R, input: RouteInput<R>, seen?: (output: RouteOutput<R>) => string): Promise<string> {
  let status = 0;
  const recording: typeof fetch = async (url, init) => {
    const response = await fetch(url, init);
    status = response.status;
    return response;
  };
  const caller = c.caller;
  const api = createApiClient({ baseUrl: c.w.server.url, fetch: recording, masterKeyHash: () => c.as.masterKeyHash, ...(caller ? { session: { accessToken: () => caller.accessToken } } : {}) });
  try {
    const output = await api.call(route, input);
    return seen ? `${status}:${seen(output)}` : `${status}`;
  } catch (error) {
    if (error instanceof ApiRequestError) return refusalCell(error.status, error.code);
    if (error instanceof InvalidResponseError) return `${error.status}/invalid response (${error.message})`;
    throw error;
  }
}

/** Like call, for a request made some other way than api.call (an uploaded part, a download): its status, or the refusal. */
async function callWith(c: Ctx, act: (api: ReturnType<typeof createApiClient>) => Promise<unknown>): Promise<string> {
  const caller = c.caller;
  const api = createApiClient({ baseUrl: c.w.server.url, masterKeyHash: () => c.as.masterKeyHash, ...(caller ? { session: { accessToken: () => caller.accessToken } } : {}) });
  try {
    const response = await act(api);
    if (!(response instanceof Response)) return '204';
    await response.body?.cancel();
    return `${response.status}`;
  } catch (error) {
    if (error instanceof ApiRequestError) return refusalCell(error.status, error.code);
    throw error;
  }
}

/** A file of the creator's on the way's shared item: uploaded and complete, or only created (`uploading`). */
async function creatorAttachment(c: Ctx, uploading = false) {
  const entry = (await openItem(c.shared.item, c.shared.key)).entry;
  if (!uploading) return uploadPattern(c.w.creator.api, entry, c.shared.item.id, 100);
  const { body } = await sealAttachment(entry, c.shared.item.id, newId(), { name: 'part.bin', type: '', size: 100 });
  return c.w.creator.api.call(createAttachmentRoute, { params: { id: c.shared.item.id }, body });
}

/** A file uploaded in full but not completed. */
async function uncompletedAttachment(c: Ctx) {
  const attachment = await creatorAttachment(c, true);
  await c.w.creator.api.upload(putAttachmentPartRoute, { params: { id: attachment.itemId, attachmentId: attachment.id, part: 0 } }, new Uint8Array(partLength(attachment.encryptedSize, 0)));
  return attachment;
}

const probe = <R extends RouteConfig>(route: R, run: (c: Ctx) => Promise<string>, options: { use?: string; perWay?: boolean } = {}): Probe => ({
  name: options.use ? `${routeName(route)} (${options.use})` : routeName(route),
  route,
  perWay: options.perWay ?? true,
  run,
});

/** A new vault of the context's way where only the caller (if a level holder) holds their level. */
const freshVault = (c: Ctx) => wayVault(c.w, c.way, isLevelActor(c.actor) ? [c.actor] : [], 'Fresh');
/** A new folder in the shared vault's target folder. */
const freshFolder = (c: Ctx, name = 'Fresh') => newFolder(c.w.creator, c.shared.key.vaultId, name, c.shared.target.id);
/** A new item in the shared vault's target folder. */
const freshItem = (c: Ctx) => newItem(c.w.creator, c.shared.key, { name: 'Fresh', folderId: c.shared.target.id });
/** A new group (of the owner's) with no rights. */
const freshGroup = (c: Ctx) => c.w.owner.api.call(createGroupRoute, { body: { id: newId(), name: `Fresh ${newId()}` } });
const bystander = (c: Ctx) => ({ type: 'user' as const, id: c.w.bystander.userId });
const spare = (c: Ctx) => ({ type: 'group' as const, id: c.w.spareGroup });
const accessParams = (vaultId: string, principal: { type: 'user' | 'group'; id: string }) => ({ id: vaultId, principalType: principal.type, principalId: principal.id });

const PROBES: Probe[] = [
  probe(listVaultsRoute, (c) => call(c, listVaultsRoute, {}, ({ vaults }) => (vaults.some((vault) => vault.id === c.shared.key.vaultId) ? 'v' : '-'))),
  probe(
    createVaultRoute,
    async (c) => call(c, createVaultRoute, { body: (await prepareVault({ id: newId(), kind: 'private', name: 'Mine', me: c.as.certified, signingKey: c.as.keys.signing.privateKey })).request }),
    { perWay: false },
  ),
  probe(getVaultRoute, (c) => call(c, getVaultRoute, { params: { id: c.shared.key.vaultId } }, ({ vault }) => (vault.level === 'navigation' ? 'nav' : vault.level))),
  probe(renameVaultRoute, async (c) => call(c, renameVaultRoute, { params: { id: (await freshVault(c)).key.vaultId }, body: { name: 'Renamed' } })),
  probe(deleteVaultRoute, async (c) => call(c, deleteVaultRoute, { params: { id: (await freshVault(c)).key.vaultId } })),
  probe(listVaultMembersRoute, (c) => call(c, listVaultMembersRoute, { params: { id: c.shared.key.vaultId } })),
  probe(putVaultMemberRoute, async (c) => {
    const { key } = await freshVault(c);
    const wrap = await wrapVaultKey(key, c.w.bystander.certified, c.as.granter);
    return call(c, putVaultMemberRoute, { params: { id: key.vaultId, userId: c.w.bystander.userId }, body: { level: 'read', wrap } });
  }),
  probe(removeVaultMemberRoute, async (c) => {
    const { key } = await freshVault(c);
    await grant(c.w, key.vaultId, bystander(c), null, 'read');
    return call(c, removeVaultMemberRoute, { params: { id: key.vaultId, userId: c.w.bystander.userId } });
  }),
  probe(listMembersDirectoryRoute, (c) => call(c, listMembersDirectoryRoute, {}), { perWay: false }),
  probe(getVaultAccessRoute, (c) => call(c, getVaultAccessRoute, { params: { id: c.shared.key.vaultId }, query: {} })),
  probe(putVaultAccessRoute, async (c) => {
    const { key } = await freshVault(c);
    return call(c, putVaultAccessRoute, { params: accessParams(key.vaultId, spare(c)), body: { folderId: null, level: 'read' } });
  }),
  probe(removeVaultAccessRoute, async (c) => {
    const { key } = await freshVault(c);
    await grant(c.w, key.vaultId, spare(c), null, 'read');
    return call(c, removeVaultAccessRoute, { params: accessParams(key.vaultId, spare(c)), query: {} });
  }),
  probe(putVaultKeyWrapRoute, async (c) => {
    const { key } = await freshVault(c);
    await grant(c.w, key.vaultId, bystander(c), null, 'read');
    const wrap = await wrapVaultKey(key, c.w.bystander.certified, c.as.granter);
    return call(c, putVaultKeyWrapRoute, { params: { id: key.vaultId, userId: c.w.bystander.userId }, body: { wrap } });
  }),
  probe(rotateVaultKeyRoute, async (c) => {
    const { key } = await freshVault(c);
    const next = await rotatedVaultKey(key);
    return call(c, rotateVaultKeyRoute, { params: { id: key.vaultId }, body: { keyVersion: next.version, wrap: await wrapVaultKey(next, c.as.certified, c.as.granter) } });
  }),
  probe(listGroupsRoute, (c) => call(c, listGroupsRoute, {}), { perWay: false }),
  probe(createGroupRoute, (c) => call(c, createGroupRoute, { body: { id: newId(), name: `Made ${newId()}` } }), { perWay: false }),
  probe(renameGroupRoute, async (c) => call(c, renameGroupRoute, { params: { id: (await freshGroup(c)).id }, body: { name: `Renamed ${newId()}` } }), { perWay: false }),
  probe(deleteGroupRoute, async (c) => call(c, deleteGroupRoute, { params: { id: (await freshGroup(c)).id } }), { perWay: false }),
  probe(addGroupMemberRoute, async (c) => call(c, addGroupMemberRoute, { params: { id: (await freshGroup(c)).id, userId: c.w.bystander.userId } }), { perWay: false }),
  probe(
    removeGroupMemberRoute,
    async (c) => {
      const group = await freshGroup(c);
      await c.w.owner.api.call(addGroupMemberRoute, { params: { id: group.id, userId: c.w.bystander.userId } });
      return call(c, removeGroupMemberRoute, { params: { id: group.id, userId: c.w.bystander.userId } });
    },
    { perWay: false },
  ),
  probe(listFoldersRoute, (c) => call(c, listFoldersRoute, { query: { vaultId: c.shared.key.vaultId } }, ({ folders }) => (folders.some((folder) => folder.id === c.shared.sub.id) ? 'f' : '-'))),
  probe(createFolderRoute, (c) => call(c, createFolderRoute, { body: { id: newId(), vaultId: c.shared.key.vaultId, parentId: c.shared.target.id, name: 'Made' } })),
  probe(updateFolderRoute, async (c) => call(c, updateFolderRoute, { params: { id: (await freshFolder(c)).id }, body: { name: 'Renamed' } }), { use: 'rename' }),
  probe(
    updateFolderRoute,
    async (c) => {
      const [moving, into] = await Promise.all([freshFolder(c, 'Moving'), freshFolder(c, 'Into')]);
      return call(c, updateFolderRoute, { params: { id: moving.id }, body: { parentId: into.id } });
    },
    { use: 'move' },
  ),
  probe(trashFolderRoute, async (c) => call(c, trashFolderRoute, { params: { id: (await freshFolder(c)).id } })),
  probe(restoreFolderRoute, async (c) => {
    const folder = await freshFolder(c);
    await c.w.creator.api.call(trashFolderRoute, { params: { id: folder.id } });
    return call(c, restoreFolderRoute, { params: { id: folder.id } });
  }),
  probe(purgeFolderRoute, async (c) => {
    const folder = await freshFolder(c);
    await c.w.creator.api.call(trashFolderRoute, { params: { id: folder.id } });
    return call(c, purgeFolderRoute, { params: { id: folder.id } });
  }),
  probe(createItemRoute, async (c) => call(c, createItemRoute, { body: await sealedItem(c.shared.key, { name: 'Made', folderId: c.shared.target.id }) })),
  probe(searchItemsRoute, (c) => call(c, searchItemsRoute, { query: { query: `Target item ${c.way}` } }, ({ items }) => (items.some((item) => item.id === c.shared.item.id) ? 'i' : '-'))),
  probe(getItemRoute, (c) => call(c, getItemRoute, { params: { id: c.shared.item.id } })),
  probe(
    updateItemRoute,
    async (c) => {
      const item = await freshItem(c);
      return call(c, updateItemRoute, { params: { id: item.id }, body: await updateItem(item, c.shared.key, withPassword('changed')) });
    },
    { use: 'edit' },
  ),
  probe(
    updateItemRoute,
    async (c) => {
      const [item, into] = await Promise.all([freshItem(c), freshFolder(c, 'Into')]);
      return call(c, updateItemRoute, { params: { id: item.id }, body: await updateItem(item, c.shared.key, { folderId: into.id }) });
    },
    { use: 'to another folder' },
  ),
  probe(moveItemRoute, async (c) => {
    const item = await freshItem(c);
    return call(c, moveItemRoute, { params: { id: item.id }, body: await moveItem(item, c.shared.key, c.w.homes.get(c.as.userId)!) });
  }),
  probe(trashItemRoute, async (c) => call(c, trashItemRoute, { params: { id: (await freshItem(c)).id } })),
  probe(restoreItemRoute, async (c) => {
    const item = await freshItem(c);
    await c.w.creator.api.call(trashItemRoute, { params: { id: item.id } });
    return call(c, restoreItemRoute, { params: { id: item.id } });
  }),
  probe(purgeItemRoute, async (c) => {
    const item = await freshItem(c);
    await c.w.creator.api.call(trashItemRoute, { params: { id: item.id } });
    return call(c, purgeItemRoute, { params: { id: item.id } });
  }),
  probe(rekeyItemRoute, async (c) => {
    // A vault of its own, rotated by its creator: the shared vault's key must stay as the other probes use it.
    const { key, target } = await freshVault(c);
    const item = await newItem(c.w.creator, key, { name: 'Fresh', folderId: target.id });
    const next = await rotatedVaultKey(key);
    await c.w.creator.api.call(rotateVaultKeyRoute, { params: { id: key.vaultId }, body: { keyVersion: next.version, wrap: await wrapVaultKey(next, c.w.creator.certified, c.w.creator.granter) } });
    const body = await sealRevision(next, item.id, item.revision + 1, randomBytes(32), await readInput(item, await openItem(item, key)));
    return call(c, rekeyItemRoute, { params: { id: item.id }, body });
  }),
  probe(reportClientEventsRoute, (c) => call(c, reportClientEventsRoute, { body: { events: [{ type: 'password.copied', itemId: c.shared.item.id, field: c.shared.item.fields[0]!.id }] } })),
  probe(listSnapshotsRoute, (c) => call(c, listSnapshotsRoute, { params: { id: c.shared.item.id } })),
  probe(getSnapshotRoute, (c) => call(c, getSnapshotRoute, { params: { id: c.shared.item.id, revision: 1 } })),
  probe(syncRoute, (c) =>
    call(c, syncRoute, { query: {} }, (sync) => {
      const shown = [sync.vaults.some((vault) => vault.id === c.shared.key.vaultId) && 'v', sync.folders.some((folder) => folder.id === c.shared.sub.id) && 'f', sync.items.some((item) => item.id === c.shared.item.id) && 'i'];
      return shown.filter(Boolean).join('') || '-';
    }),
  ),
  probe(batchRoute, (c) =>
    call(c, batchRoute, { body: { requests: [{ method: 'GET', path: `/api/v1/items/${c.shared.item.id}` }] } }, ({ responses }) => {
      const [answer] = responses;
      if (!answer) return 'no answer';
      const code = (answer.body as { errors?: { code?: string }[] } | null)?.errors?.[0]?.code;
      return answer.status < 300 ? `${answer.status}` : refusalCell(answer.status, code);
    }),
  ),
  probe(listEntrySharesRoute, (c) => call(c, listEntrySharesRoute, { params: { id: c.shared.item.id } })),
  probe(createShortcutRoute, async (c) => {
    const item = await freshItem(c);
    const home = c.w.homes.get(c.as.userId)!;
    const id = newId();
    const wrapped = await wrapForShortcut({ shortcutId: id, itemId: item.id, vault: home }, (await openItem(item, c.shared.key)).entryKey);
    return call(c, createShortcutRoute, { params: { id: item.id }, body: { id, vaultId: home.vaultId, folderId: null, keyVersion: home.version, wrapped } });
  }),
  probe(deleteShortcutRoute, async (c) => {
    const home = c.w.homes.get(c.w.creator.userId)!;
    const item = await newItem(c.w.creator, home, { name: 'Shared' });
    const id = newId();
    const wrapped = await wrapForShortcut({ shortcutId: id, itemId: item.id, vault: c.shared.key }, (await openItem(item, home)).entryKey);
    await c.w.creator.api.call(createShortcutRoute, { params: { id: item.id }, body: { id, vaultId: c.shared.key.vaultId, folderId: c.shared.target.id, keyVersion: c.shared.key.version, wrapped } });
    return call(c, deleteShortcutRoute, { params: { id } });
  }),
  probe(sendToInboxRoute, async (c) => {
    const { item } = c.shared;
    const wrap = await wrapForInbox(item.id, (await openItem(item, c.shared.key)).entryKey, c.w.bystander.certified, c.as.granter);
    return call(c, sendToInboxRoute, { params: { id: item.id }, body: { id: newId(), recipientId: c.w.bystander.userId, wrap } });
  }),
  probe(deleteInboxShareRoute, async (c) => {
    const { item } = c.shared;
    const id = newId();
    const wrap = await wrapForInbox(item.id, (await openItem(item, c.shared.key)).entryKey, c.w.bystander.certified, c.w.creator.granter);
    await c.w.creator.api.call(sendToInboxRoute, { params: { id: item.id }, body: { id, recipientId: c.w.bystander.userId, wrap } });
    return call(c, deleteInboxShareRoute, { params: { id } });
  }),
  probe(createShareLinkRoute, async (c) => call(c, createShareLinkRoute, { params: { id: c.shared.item.id }, body: await shareLinkBody() })),
  probe(listEntryLinksRoute, (c) => call(c, listEntryLinksRoute, { params: { id: c.shared.item.id } })),
  probe(revokeShareLinkRoute, async (c) => {
    const body = await shareLinkBody();
    await c.w.creator.api.call(createShareLinkRoute, { params: { id: c.shared.item.id }, body });
    return call(c, revokeShareLinkRoute, { params: { id: body.id } });
  }),
  probe(listAttachmentsRoute, (c) => call(c, listAttachmentsRoute, { params: { id: c.shared.item.id }, query: {} })),
  probe(createAttachmentRoute, async (c) => {
    const { body } = await sealAttachment((await openItem(c.shared.item, c.shared.key)).entry, c.shared.item.id, newId(), { name: 'new.bin', type: '', size: 10 });
    return call(c, createAttachmentRoute, { params: { id: c.shared.item.id }, body });
  }),
  probe(putAttachmentPartRoute, async (c) => {
    const attachment = await creatorAttachment(c, true);
    return callWith(c, (api) => api.upload(putAttachmentPartRoute, { params: { id: attachment.itemId, attachmentId: attachment.id, part: 0 } }, new Uint8Array(partLength(attachment.encryptedSize, 0))));
  }),
  probe(completeAttachmentRoute, async (c) => {
    const attachment = await uncompletedAttachment(c);
    return call(c, completeAttachmentRoute, { params: { id: attachment.itemId, attachmentId: attachment.id } });
  }),
  probe(downloadAttachmentRoute, async (c) => {
    const attachment = await creatorAttachment(c);
    return callWith(c, (api) => api.download(downloadAttachmentRoute, { params: { id: attachment.itemId, attachmentId: attachment.id } }));
  }),
  probe(deleteAttachmentRoute, async (c) => {
    const attachment = await creatorAttachment(c);
    return call(c, deleteAttachmentRoute, { params: { id: attachment.itemId, attachmentId: attachment.id } });
  }),
  probe(bulkCreateItemsRoute, async (c) => {
    const items = await Promise.all(['Made', 'Made too'].map((name) => sealedItem(c.shared.key, { name, folderId: c.shared.target.id })));
    return call(c, bulkCreateItemsRoute, { params: { vaultId: c.shared.key.vaultId }, body: { items } });
  }),
];

const cellsOf = (row: string) => row.trim().split(/\s+/);

/** Runs `task` over `items`, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe('the access matrix', () => {
  it('has a row for every vault, access, group, folder, item, sync and batch route of the contract, and nothing else', () => {
    const inScope = ROUTES.filter((route) => !NOT_VAULT_SCOPED.includes(route)).map(routeName);
    expect(NOT_VAULT_SCOPED.every((route) => (ROUTES as readonly RouteConfig[]).includes(route))).toBe(true);
    expect([...new Set(PROBES.map((p) => routeName(p.route)))]).toEqual(inScope);
    expect(Object.keys(EXPECTED)).toEqual(PROBES.map((p) => p.name));
  });

  it('has one cell per column in every row, one row per way (or one `any` row) for every case', () => {
    for (const p of PROBES) {
      const rows = EXPECTED[p.name]!;
      expect(Object.keys(rows), p.name).toEqual(p.perWay ? [...WAYS] : ['any']);
      for (const [way, row] of Object.entries(rows)) expect(cellsOf(row!), `${p.name} ${way}`).toHaveLength(ACTORS.length);
    }
  });
});

/** Every grant of each way's shared vault, by hand: `principal where level` (where: root, or folder F). */
const WORLD_GRANTS: Record<Way, string[]> = {
  direct: ['creator@acme.test root admin', 'forbidden@acme.test root forbidden', 'navigation@acme.test root navigation', 'read@acme.test root read', 'edit@acme.test root edit', 'full@acme.test root full', 'admin@acme.test root admin'],
  group: ['creator@acme.test root admin', 'Holders of forbidden root forbidden', 'Holders of navigation root navigation', 'Holders of read root read', 'Holders of edit root edit', 'Holders of full root full', 'Holders of admin root admin'],
  folder: [
    'creator@acme.test root admin',
    'forbidden@acme.test root admin',
    'forbidden@acme.test F forbidden',
    'navigation@acme.test root full',
    'navigation@acme.test F navigation',
    'read@acme.test root admin',
    'read@acme.test F read',
    'edit@acme.test root forbidden',
    'edit@acme.test F edit',
    'full@acme.test F full',
    'admin@acme.test root read',
    'admin@acme.test F admin',
  ],
  beside: [
    'creator@acme.test root admin',
    'forbidden@acme.test root admin',
    'forbidden@acme.test F forbidden',
    'navigation@acme.test root full',
    'navigation@acme.test F navigation',
    'read@acme.test root admin',
    'read@acme.test F read',
    'edit@acme.test root forbidden',
    'edit@acme.test F edit',
    'full@acme.test F full',
    'admin@acme.test root read',
    'admin@acme.test F admin',
  ],
  company: [
    'creator@acme.test root admin',
    'owner@acme.test root admin',
    'instance-admin@acme.test root admin',
    'forbidden@acme.test root forbidden',
    'navigation@acme.test root navigation',
    'read@acme.test root read',
    'edit@acme.test root edit',
    'full@acme.test root full',
    'admin@acme.test root admin',
  ],
};

describe.each(ENGINES)('the access matrix on $engine', ({ engine, available }) => {
  let w: MatrixWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createMatrixWorld(engine);
  }, 180_000);
  afterAll(() => w?.server.stop());

  it.skipIf(!available)('the world holds the grants the table is written for (each level holder in the group of their level alone)', async () => {
    for (const way of WAYS) {
      const { grants } = await w.creator.api.call(getVaultAccessRoute, { params: { id: w.vaults[way].key.vaultId }, query: {} });
      const f = w.vaults[way].f.id;
      expect(grants.map((g) => `${g.name} ${g.folderId === null ? 'root' : g.folderId === f ? 'F' : g.folderId} ${g.level}`).sort(), way).toEqual([...WORLD_GRANTS[way]].sort());
    }
    const { groups } = await w.owner.api.call(listGroupsRoute);
    for (const level of LEVEL_ACTORS) expect(groups.find((group) => group.id === w.groups[level])?.memberIds).toEqual([w.levels[level].userId]);
  });

  it.skipIf(!available)(
    'every route answers every caller, each way, as the table says',
    async () => {
      const cells = PROBES.flatMap((p) =>
        (p.perWay ? WAYS : (['any'] as const)).flatMap((row) => {
          const expected = cellsOf(EXPECTED[p.name]![row]!);
          return ACTORS.map((actor, index) => ({ p, row, way: row === 'any' ? ('direct' as const) : row, actor, expected: expected[index]! }));
        }),
      );
      const mismatches: string[] = [];
      const started = Date.now();
      await inPool(cells, 6, async ({ p, row, way, actor, expected }) => {
        const caller = memberOf(w, actor);
        const ctx: Ctx = { w, way, actor, caller, as: caller ?? w.creator, shared: w.vaults[way] };
        const actual = await p.run(ctx).catch((error: unknown) => `setup failed: ${error instanceof Error ? error.message : String(error)}`);
        if (actual !== expected) mismatches.push(`${p.name} | ${row} | ${actor}: expected ${expected}, got ${actual}`);
      });
      console.log(`access matrix on ${engine}: ${cells.length} cells (${PROBES.length} cases) in ${Date.now() - started} ms, ${mismatches.length} mismatches`);
      expect(mismatches.sort()).toEqual([]);
    },
    240_000,
  );
});
