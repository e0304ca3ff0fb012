import { exportAuditRoute, listAuditEventsRoute } from './audit-log';
import { createRoleRoute, deleteRoleRoute, listRolesRoute, setUserRoleRoute, updateRoleRoute } from './roles';
import { getAppSettingsRoute, getAuditRetentionRoute, getKdfTargetRoute, updateAuditRetentionRoute, updateKdfTargetRoute, updatePasswordPolicyRoute } from './app-settings';
import { auditPublicKeyRoute, listAuditHeadsRoute, signAuditHeadRoute, verifyAuditChainRoute } from './audit-chain';
import { healthRoute } from './health';
import { deleteUserRoute, getMfaPolicyRoute, listUsersRoute, reactivateUserRoute, resetLoginPasswordRoute, resetUserMfaRoute, suspendUserRoute, updateMfaPolicyRoute } from './admin-users';
import { confirmTotpRoute, disableMfaRoute, startTotpRoute } from './mfa';
import { acceptInvitationRoute, certifyMemberRoute, createInvitationRoute, invitationInfoRoute, listInvitationsRoute, organisationKeysRoute, pendingMembersRoute } from './invitations';
import { listSessionsRoute, loginRoute, refreshRoute, revokeSessionRoute } from './sessions';
import { setupRoute } from './setup';
import { batchRoute } from './batch';
import { createFolderRoute, listFoldersRoute, purgeFolderRoute, restoreFolderRoute, trashFolderRoute, updateFolderRoute } from './folders';
import { bulkCreateItemsRoute, createItemRoute, getItemRoute, getSnapshotRoute, listSnapshotsRoute, moveItemRoute, purgeItemRoute, rekeyItemRoute, restoreItemRoute, searchItemsRoute, trashItemRoute, updateItemRoute } from './items';
import { syncRoute } from './sync';
import { reportClientEventsRoute } from './client-events';
import { addGroupMemberRoute, createGroupRoute, deleteGroupRoute, listGroupsRoute, removeGroupMemberRoute, renameGroupRoute } from './groups';
import { getVaultAccessRoute, putVaultAccessRoute, putVaultKeyWrapRoute, removeVaultAccessRoute, rotateVaultKeyRoute } from './vault-access';
import { createVaultRoute, deleteVaultRoute, getVaultRoute, listMembersDirectoryRoute, listVaultMembersRoute, listVaultsRoute, putVaultMemberRoute, removeVaultMemberRoute, renameVaultRoute } from './vaults';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from './users';
import { changeMasterKeyRoute } from './master-key';
import { acceptRecoveryRoute, recoveryInfoRoute, startRecoveryRoute } from './recovery';
import { securitySignalsRoute } from './security-signals';
import { createAccessKeyRoute, createMachineRoute, listMachinesRoute, machineKeysRoute, machineSignInRoute, revokeAccessKeyRoute } from './machines';
import { completeAttachmentRoute, createAttachmentRoute, deleteAttachmentRoute, downloadAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute } from './attachments';
import { createShortcutRoute, deleteInboxShareRoute, deleteShortcutRoute, listEntrySharesRoute, listInboxRoute, sendToInboxRoute } from './entry-shares';
import { createShareLinkRoute, listEntryLinksRoute, listOwnLinksRoute, revealShareLinkRoute, revokeShareLinkRoute } from './share-links';

/** Every route of the API; a convention test checks each is served and in the OpenAPI document. */
export const ROUTES = [
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
  listUsersRoute,
  suspendUserRoute,
  reactivateUserRoute,
  deleteUserRoute,
  resetLoginPasswordRoute,
  resetUserMfaRoute,
  getMfaPolicyRoute,
  updateMfaPolicyRoute,
  listRolesRoute,
  createRoleRoute,
  updateRoleRoute,
  deleteRoleRoute,
  setUserRoleRoute,
  // The audit log's viewer and exports (lib/contract/audit-log.ts): organisation administration.
  listAuditEventsRoute,
  exportAuditRoute,
  // Account recovery (lib/contract/recovery.ts): with user administration, before the second-factor routes.
  startRecoveryRoute,
  recoveryInfoRoute,
  acceptRecoveryRoute,
  // The audit chain (lib/contract/audit-chain.ts) and its retention setting: organisation administration, before the second-factor routes.
  verifyAuditChainRoute,
  signAuditHeadRoute,
  listAuditHeadsRoute,
  auditPublicKeyRoute,
  getAuditRetentionRoute,
  updateAuditRetentionRoute,
  // The security dashboard's activity signals (lib/contract/security-signals.ts), for viewAuditLog.
  securitySignalsRoute,
  // Machine accounts (lib/contract/machines.ts): user administration, and a machine's sign-in.
  createMachineRoute,
  listMachinesRoute,
  machineKeysRoute,
  createAccessKeyRoute,
  revokeAccessKeyRoute,
  machineSignInRoute,
  // Opening a share link: no account, the link's access token is the right (lib/contract/share-links.ts).
  revealShareLinkRoute,
  startTotpRoute,
  confirmTotpRoute,
  disableMfaRoute,
  listVaultsRoute,
  createVaultRoute,
  getVaultRoute,
  renameVaultRoute,
  deleteVaultRoute,
  listVaultMembersRoute,
  putVaultMemberRoute,
  removeVaultMemberRoute,
  listMembersDirectoryRoute,
  getVaultAccessRoute,
  putVaultAccessRoute,
  removeVaultAccessRoute,
  putVaultKeyWrapRoute,
  rotateVaultKeyRoute,
  listGroupsRoute,
  createGroupRoute,
  renameGroupRoute,
  deleteGroupRoute,
  addGroupMemberRoute,
  removeGroupMemberRoute,
  listFoldersRoute,
  createFolderRoute,
  updateFolderRoute,
  trashFolderRoute,
  restoreFolderRoute,
  purgeFolderRoute,
  createItemRoute,
  searchItemsRoute,
  getItemRoute,
  updateItemRoute,
  moveItemRoute,
  trashItemRoute,
  restoreItemRoute,
  purgeItemRoute,
  rekeyItemRoute,
  reportClientEventsRoute,
  listSnapshotsRoute,
  getSnapshotRoute,
  syncRoute,
  batchRoute,
  listEntrySharesRoute,
  createShortcutRoute,
  deleteShortcutRoute,
  sendToInboxRoute,
  listInboxRoute,
  deleteInboxShareRoute,
  createShareLinkRoute,
  listEntryLinksRoute,
  listOwnLinksRoute,
  revokeShareLinkRoute,
  listAttachmentsRoute,
  createAttachmentRoute,
  putAttachmentPartRoute,
  completeAttachmentRoute,
  downloadAttachmentRoute,
  deleteAttachmentRoute,
  bulkCreateItemsRoute,
] as const;
