import { hash as argon2Hash, argon2id } from 'argon2';
import type { Kysely } from 'kysely';
import { verifyCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { CryptoError } from '../../lib/crypto/errors';
import { importSigningPublicKey, type PublicKeyRecord, type SealedPrivateKey } from '../../lib/crypto/user-keys';
import type { KdfParams } from '../../lib/crypto/kdf';
import type { KeyWrap } from '../../lib/crypto/wraps';
import { checkPassword } from '../../lib/vault/password-policy';
import { requireAdministrator, requireMasterKeyHash } from '../auth/roles';
import type { InvitationsTable, Tables, UsersTable } from '../db/tables';
import type { EventsRepository } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { checkedOrganisationWrap } from '../organisation/organisation-grant';
import { organisationRepository } from '../organisation/organisation.repository';
import type { Sealer } from '../sealing/sealer';
import type { AppSettingsService } from '../settings/app-settings.service';
import { usersRepository } from '../users/users.repository';
import type { VaultsService } from '../vaults/vaults.service';
import { invitationsRepository } from './invitations.repository';

export interface InvitationsDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  appSettings: AppSettingsService;
  events: EventsRepository;
  vaults: Pick<VaultsService, 'grantCompanyVaultsTo'>;
  now: () => number;
}

export interface Registration {
  userId: string;
  login: string;
  loginPassword: string;
  kdf: KdfParams;
  masterKeyHash: string;
  encryptionKey: SealedPrivateKey;
  signingKey: SealedPrivateKey;
  keysMac: string;
}

/** Where an invitation's (or a recovery's) secret is sealed: the certification path reads it there. */
export const secretPlace = (id: string) => ({ table: 'invitations', column: 'encrypted_secret', rowId: id });
/** Where an account's private keys are sealed. */
export const keysPlace = (id: string) => ({ table: 'users', column: 'sealed_private_keys', rowId: id });
export const publicPart = (key: SealedPrivateKey): PublicKeyRecord => ({ alg: key.alg, spki: key.spki });

/** Invitations, registration through them, and certification of the newcomers' keys. */
export function invitationsService(deps: InvitationsDeps) {
  const users = usersRepository(deps.db);
  const invitations = invitationsRepository(deps.db);

  async function administrator(userId: string, masterKeyHash?: string | null): Promise<UsersTable> {
    const user = await users.byId(userId);
    if (!user) throw new ApiError('unauthenticated');
    requireAdministrator(user);
    if (masterKeyHash !== null) requireMasterKeyHash(deps.sealer, user, masterKeyHash);
    return user;
  }

  /** The organisation KEK wrap an administrator certificate must come with (and a member one without), checked. */
  async function administratorWrap(adminId: string, memberId: string, role: string, wrap: KeyWrap | undefined) {
    const field = 'body.organisationKeyWrap';
    if (role !== 'administrator') {
      if (wrap) throw new ApiError('invalidKeys', { field, detail: 'only an administrator gets the organisation key' });
      return null;
    }
    if (!wrap) throw new ApiError('invalidKeys', { field, detail: 'an administrator certificate comes with the organisation key wrap' });
    return checkedOrganisationWrap(deps, adminId, memberId, wrap, field);
  }

  function view(row: InvitationsTable) {
    return {
      id: row.id,
      role: row.role as 'administrator' | 'member',
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      encryptedSecret: deps.sealer.open(row.encrypted_secret, secretPlace(row.id)).toString(),
      acceptedBy: row.accepted_by,
    };
  }

  async function openInvitation(id: string): Promise<InvitationsTable> {
    const row = await invitations.byId(id);
    // A recovery link is no invitation: it registers nobody new (server/recovery/).
    if (!row || row.purpose !== 'join' || row.accepted_by !== null || row.expires_at <= deps.now()) throw new ApiError('notFound', { detail: 'no such open invitation' });
    return row;
  }

  return {
    async create(userId: string, masterKeyHash: string | undefined, input: { id: string; role: 'administrator' | 'member'; encryptedSecret: string; expiresInHours: number }, client: ClientInfo) {
      await administrator(userId, masterKeyHash);
      if (await invitations.byId(input.id)) throw new ApiError('conflict', { field: 'body.id' });
      const now = deps.now();
      const row = { id: input.id, role: input.role, created_by: userId, created_at: now, expires_at: now + input.expiresInHours * 3600_000, encrypted_secret: deps.sealer.seal(input.encryptedSecret, secretPlace(input.id)), accepted_by: null, accepted_at: null, purpose: 'join', user_id: null, token_mac: null };
      await invitations.insert(row);
      await deps.events.append({ occurredAt: now, type: 'invitation.created', actor: { type: 'user', id: userId }, target: { type: 'invitation', id: input.id }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details: { role: input.role } });
      return view(row);
    },

    async list(userId: string) {
      await administrator(userId, null);
      return (await invitations.all()).map(view);
    },

    async info(id: string) {
      const row = await openInvitation(id);
      const organisation = await organisationRepository(deps.db).get();
      if (!organisation) throw new ApiError('notFound');
      return { id: row.id, role: row.role as 'administrator' | 'member', organisationId: organisation.id, organisationName: organisation.name, organisationKey: JSON.parse(organisation.signing_key) as PublicKeyRecord, expiresAt: row.expires_at };
    },

    /** Registers a newcomer as pending; the invitation is used by exactly one registration. */
    async accept(id: string, input: Registration, client: ClientInfo) {
      await openInvitation(id);
      const policy = await deps.appSettings.passwordPolicy();
      if (checkPassword(policy.loginPassword, input.loginPassword).length > 0) throw new ApiError('weakPassword', { field: 'body.loginPassword' });
      if ((await users.byId(input.userId)) || (await users.byLogin(input.login))) throw new ApiError('conflict', { field: 'body.login' });
      const now = deps.now();
      const row: UsersTable = {
        id: input.userId,
        login: input.login,
        role: 'pending',
        status: 'pending',
        login_password_hash: await argon2Hash(input.loginPassword, { type: argon2id }),
        kdf: JSON.stringify(input.kdf),
        master_key_hash_mac: deps.sealer.mac(input.masterKeyHash, 'master-key-hash'),
        encryption_key: JSON.stringify(publicPart(input.encryptionKey)),
        signing_key: JSON.stringify(publicPart(input.signingKey)),
        sealed_private_keys: deps.sealer.seal(JSON.stringify({ encryption: input.encryptionKey, signing: input.signingKey }), keysPlace(input.userId)),
        certificate: null,
        created_at: now,
        updated_at: now,
        invitation_id: id,
        keys_mac: input.keysMac,
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        role_id: 'user',
        kind: 'person',
      };
      await deps.db.transaction().execute(async (trx) => {
        await usersRepository(trx).insert(row);
        if (!(await invitationsRepository(trx).accept(id, input.userId, now))) throw new ApiError('notFound', { detail: 'invitation used meanwhile' });
      });
      await deps.events.append({ occurredAt: now, type: 'invitation.accepted', actor: { type: 'user', id: input.userId }, target: { type: 'invitation', id }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details: {} });
      return { userId: input.userId };
    },

    async pending(userId: string) {
      await administrator(userId, null);
      const rows = await users.pendingWithInvitation();
      const members = [];
      for (const user of rows) {
        const invitation = await invitations.byId(user.invitation_id!);
        if (!invitation) continue;
        members.push({
          invitationId: invitation.id,
          encryptedSecret: deps.sealer.open(invitation.encrypted_secret, secretPlace(invitation.id)).toString(),
          userId: user.id,
          login: user.login,
          role: invitation.role as 'administrator' | 'member',
          encryptionKey: JSON.parse(user.encryption_key) as PublicKeyRecord,
          signingKey: JSON.parse(user.signing_key) as PublicKeyRecord,
          keysMac: user.keys_mac!,
        });
      }
      return members;
    },

    /** Stores a certificate that verifies under the organisation key and names exactly the member's keys and invited role. */
    async certify(adminId: string, masterKeyHash: string | undefined, memberId: string, certificate: MemberCertificate, organisationKeyWrap: KeyWrap | undefined, client: ClientInfo) {
      await administrator(adminId, masterKeyHash);
      const member = await users.byId(memberId);
      const organisation = await organisationRepository(deps.db).get();
      if (!member || member.status !== 'pending' || !organisation || !member.invitation_id) throw new ApiError('notFound', { detail: 'no such pending member' });
      const invitation = await invitations.byId(member.invitation_id);
      const body = certificate.body;
      const sameKey = (a: PublicKeyRecord, stored: string) => JSON.stringify({ alg: a.alg, spki: a.spki }) === stored;
      if (body.login !== member.login || body.role !== invitation?.role || !sameKey(body.encryptionKey, member.encryption_key) || !sameKey(body.signingKey, member.signing_key)) {
        throw new ApiError('invalidKeys', { field: 'body.certificate', detail: 'certificate names other keys, login or role' });
      }
      try {
        await verifyCertificate(certificate, await importSigningPublicKey(JSON.parse(organisation.signing_key) as PublicKeyRecord), { organisationId: organisation.id, userId: memberId });
      } catch (error) {
        if (error instanceof CryptoError) throw new ApiError('invalidKeys', { field: 'body.certificate', detail: error.message });
        throw error;
      }
      // An administrator holds the organisation key from the start: the wrap comes with the certificate.
      const wrapRow = await administratorWrap(adminId, memberId, body.role, organisationKeyWrap);
      const now = deps.now();
      if (!(await users.certify(memberId, JSON.stringify(certificate), body.role, now))) throw new ApiError('conflict');
      if (wrapRow) await users.insertKeyWrap(wrapRow);
      if (body.role === 'administrator') await deps.vaults.grantCompanyVaultsTo(memberId, adminId, client);
      await deps.events.append({ occurredAt: now, type: 'user.certified', actor: { type: 'user', id: adminId }, target: { type: 'user', id: memberId }, vaultId: null, ip: client.ip, browserMode: client.browserMode, details: { role: body.role } });
    },
  };
}

export type InvitationsService = ReturnType<typeof invitationsService>;
