import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccessKeyView, Machine, NewAccessKey } from '../../lib/contract/machines';
import { verifyCertificate, type MemberCertificate } from '../../lib/crypto/certificates';
import { CryptoError } from '../../lib/crypto/errors';
import { hashAccessToken } from '../../lib/crypto/token-hash';
import { importSigningPublicKey, type PublicKeyRecord, type SealedPrivateKey } from '../../lib/crypto/user-keys';
import { requirePermission } from '../auth/permissions';
import { requireMasterKeyHash } from '../auth/roles';
import type { AccessKeysTable, Tables, UsersTable } from '../db/tables';
import type { EventsRepository, NewEvent } from '../events/events.repository';
import type { ClientInfo } from '../http/client-info';
import { ApiError } from '../http/errors';
import { organisationRepository } from '../organisation/organisation.repository';
import type { Sealer } from '../sealing/sealer';
import type { SessionsService } from '../sessions/sessions.service';
import { machinesRepository } from './machines.repository';

export interface MachinesDeps {
  db: Kysely<Tables>;
  sealer: Sealer;
  sessions: SessionsService;
  events: EventsRepository;
  now: () => number;
}

/** What creating a machine sends: its certified public keys and sealed private keys, and its first access key. */
export interface NewMachine {
  id: string;
  name: string;
  certificate: MemberCertificate;
  administratorKeys: { encryptionKey: SealedPrivateKey; signingKey: SealedPrivateKey };
  accessKey: NewAccessKey;
}

const keysPlace = (id: string) => ({ table: 'users', column: 'sealed_private_keys', rowId: id });
const accessKeyPlace = (id: string) => ({ table: 'access_keys', column: 'sealed_keys', rowId: id });
const publicPart = (key: PublicKeyRecord) => JSON.stringify({ alg: key.alg, spki: key.spki });
// Compared against when the key id is unknown, so an unknown id costs what a wrong token costs.
const DECOY_HASH = '0'.repeat(64);

function accessKeyView(row: AccessKeysTable): AccessKeyView {
  return { id: row.id, name: row.name, createdAt: row.created_at, createdBy: row.created_by, expiresAt: row.expires_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at };
}

/** Constant-time comparison of two hex SHA-256 digests. */
function sameHash(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/** Every key a copy of the private keys names must be the certificate's: a copy of other keys would open into keys nobody certified. */
function requireCertifiedKeys(certificate: MemberCertificate, ...copies: { encryptionKey: PublicKeyRecord; signingKey: PublicKeyRecord }[]): void {
  const { body } = certificate;
  for (const copy of copies) {
    if (publicPart(copy.encryptionKey) !== publicPart(body.encryptionKey) || publicPart(copy.signingKey) !== publicPart(body.signingKey)) {
      throw new ApiError('invalidKeys', { field: 'body', detail: 'sealed keys name other public keys than the certificate' });
    }
  }
}

/**
 * Machine accounts (docs/access-control.md "Machine accounts"): administrators with manageUsers
 * create them and their access keys; a machine signs in with an access key. A machine is a `users`
 * row of kind 'machine', so vault rights, groups, wraps and pending grants treat it as a member.
 */
export function machinesService(deps: MachinesDeps) {
  const repository = machinesRepository(deps.db);
  const record = (event: Omit<NewEvent, 'occurredAt' | 'vaultId' | 'details'> & Partial<NewEvent>) => deps.events.append({ occurredAt: deps.now(), vaultId: null, details: {}, ...event });

  async function administrator(userId: string, masterKeyHash: string | undefined | null): Promise<UsersTable> {
    const { user } = await requirePermission(deps.db, userId, 'manageUsers');
    // Keys are handed over on these routes: only from a client unlocked with this user's master key.
    if (masterKeyHash !== null) requireMasterKeyHash(deps.sealer, user, masterKeyHash);
    return user;
  }

  async function machineOrNotFound(id: string): Promise<UsersTable> {
    const machine = await repository.machine(id);
    if (!machine) throw new ApiError('notFound', { field: 'param.id', detail: 'no such machine' });
    return machine;
  }

  async function checkCertificate(input: NewMachine): Promise<void> {
    const organisation = await organisationRepository(deps.db).get();
    if (!organisation) throw new ApiError('notFound', { detail: 'not set up' });
    const { body } = input.certificate;
    if (body.login !== input.name || body.role !== 'member') throw new ApiError('invalidKeys', { field: 'body.certificate', detail: 'certificate names another login or role' });
    requireCertifiedKeys(input.certificate, input.administratorKeys, input.accessKey.sealedKeys);
    try {
      await verifyCertificate(input.certificate, await importSigningPublicKey(JSON.parse(organisation.signing_key) as PublicKeyRecord), { organisationId: organisation.id, userId: input.id });
    } catch (error) {
      if (error instanceof CryptoError) throw new ApiError('invalidKeys', { field: 'body.certificate', detail: error.message });
      throw error;
    }
  }

  function accessKeyRow(machineId: string, key: NewAccessKey, createdBy: string, now: number): AccessKeysTable {
    const sealed = deps.sealer.seal(JSON.stringify(key.sealedKeys), accessKeyPlace(key.id));
    return { id: key.id, machine_id: machineId, name: key.name, token_hash: key.tokenHash, sealed_keys: sealed, created_by: createdBy, created_at: now, expires_at: key.expiresAt, revoked_at: null, last_used_at: null };
  }

  async function view(machine: Pick<UsersTable, 'id' | 'login' | 'status' | 'created_at'>): Promise<Machine> {
    const keys = await repository.accessKeys([machine.id]);
    return { id: machine.id, name: machine.login, status: machine.status === 'suspended' ? 'suspended' : 'active', createdAt: machine.created_at, accessKeys: keys.map(accessKeyView) };
  }

  return {
    async create(adminId: string, masterKeyHash: string | undefined, input: NewMachine, client: ClientInfo): Promise<Machine> {
      await administrator(adminId, masterKeyHash);
      await checkCertificate(input);
      const taken = (await deps.db.selectFrom('users').select('id').where((eb) => eb.or([eb('id', '=', input.id), eb('login', '=', input.name)])).executeTakeFirst()) || (await repository.accessKey(input.accessKey.id));
      if (taken) throw new ApiError('conflict', { field: 'body.name', detail: 'id, name or access key id taken' });
      const now = deps.now();
      const { body } = input.certificate;
      const row: UsersTable = {
        id: input.id,
        login: input.name,
        role: 'member',
        status: 'active',
        // No login password and no master key: nothing a password or a master key hash could match.
        login_password_hash: '',
        kdf: '{}',
        master_key_hash_mac: '',
        encryption_key: publicPart(body.encryptionKey),
        signing_key: publicPart(body.signingKey),
        sealed_private_keys: deps.sealer.seal(JSON.stringify({ encryption: input.administratorKeys.encryptionKey, signing: input.administratorKeys.signingKey }), keysPlace(input.id)),
        certificate: JSON.stringify(input.certificate),
        created_at: now,
        updated_at: now,
        invitation_id: null,
        keys_mac: null,
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        role_id: 'user',
        kind: 'machine',
      };
      await deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(row).execute();
        await machinesRepository(trx).insertAccessKey(accessKeyRow(input.id, input.accessKey, adminId, now));
      });
      await record({ type: 'machine.created', actor: { type: 'user', id: adminId }, target: { type: 'user', id: input.id }, ip: client.ip, browserMode: client.browserMode, details: { name: input.name } });
      await record({ type: 'machine.accessKeyCreated', actor: { type: 'user', id: adminId }, target: { type: 'accessKey', id: input.accessKey.id }, ip: client.ip, browserMode: client.browserMode, details: { machineId: input.id, name: input.accessKey.name, expiresAt: input.accessKey.expiresAt } });
      return view(row);
    },

    async list(adminId: string): Promise<Machine[]> {
      await administrator(adminId, null);
      const machines = await repository.machines();
      const keys = await repository.accessKeys(machines.map((machine) => machine.id));
      return machines.map((machine) => ({ id: machine.id, name: machine.login, status: machine.status === 'suspended' ? 'suspended' : 'active', createdAt: machine.created_at, accessKeys: keys.filter((key) => key.machine_id === machine.id).map(accessKeyView) }));
    },

    async keys(adminId: string, masterKeyHash: string | undefined, machineId: string) {
      await administrator(adminId, masterKeyHash);
      const machine = await machineOrNotFound(machineId);
      const sealed = JSON.parse(deps.sealer.open(machine.sealed_private_keys, keysPlace(machine.id)).toString()) as { encryption: SealedPrivateKey; signing: SealedPrivateKey };
      return { certificate: JSON.parse(machine.certificate!) as MemberCertificate, administratorKeys: { encryptionKey: sealed.encryption, signingKey: sealed.signing } };
    },

    async addAccessKey(adminId: string, masterKeyHash: string | undefined, machineId: string, key: NewAccessKey, client: ClientInfo): Promise<AccessKeyView> {
      await administrator(adminId, masterKeyHash);
      const machine = await machineOrNotFound(machineId);
      requireCertifiedKeys(JSON.parse(machine.certificate!) as MemberCertificate, key.sealedKeys);
      if (await repository.accessKey(key.id)) throw new ApiError('conflict', { field: 'body.id', detail: 'access key id taken' });
      const row = accessKeyRow(machineId, key, adminId, deps.now());
      await repository.insertAccessKey(row);
      await record({ type: 'machine.accessKeyCreated', actor: { type: 'user', id: adminId }, target: { type: 'accessKey', id: key.id }, ip: client.ip, browserMode: client.browserMode, details: { machineId, name: key.name, expiresAt: key.expiresAt } });
      return accessKeyView(row);
    },

    async revokeAccessKey(adminId: string, machineId: string, keyId: string, client: ClientInfo): Promise<void> {
      await administrator(adminId, null);
      const key = await repository.accessKey(keyId);
      if (!key || key.machine_id !== machineId) throw new ApiError('notFound', { field: 'param.keyId', detail: 'no such access key of this machine' });
      const now = deps.now();
      if (!(await repository.revokeAccessKey(keyId, now))) return;
      const ended = await repository.revokeSessionsOf(keyId, now);
      await record({ type: 'machine.accessKeyRevoked', actor: { type: 'user', id: adminId }, target: { type: 'accessKey', id: keyId }, ip: client.ip, browserMode: client.browserMode, details: { machineId, sessionsEnded: ended } });
    },

    /**
     * A machine's sign-in. Whether a key was revoked or expired is told only to a caller holding
     * its token; anyone else hears "invalid access key", whatever was wrong.
     */
    async signIn(accessKeyId: string, token: string, client: ClientInfo) {
      const key = await repository.accessKey(accessKeyId);
      const matches = sameHash(await hashAccessToken(token), key?.token_hash ?? DECOY_HASH);
      if (!key || !matches) {
        await record({ type: 'machine.signInFailed', actor: { type: 'machine', id: key?.machine_id ?? null }, target: null, ip: client.ip, browserMode: client.browserMode, details: { accessKeyId } });
        throw new ApiError('invalidAccessKey');
      }
      if (key.revoked_at !== null || key.sealed_keys === null) throw new ApiError('accessKeyRevoked');
      if (key.expires_at !== null && key.expires_at <= deps.now()) throw new ApiError('accessKeyExpired');
      const machine = await repository.machine(key.machine_id);
      const organisation = await organisationRepository(deps.db).get();
      if (!machine || !organisation || !machine.certificate) throw new ApiError('invalidAccessKey');
      if (machine.status !== 'active') throw new ApiError('accountSuspended');
      const { id, pair } = await deps.sessions.startMachine(machine.id, key.id, client);
      await repository.touchAccessKey(key.id, deps.now());
      await record({ type: 'machine.signIn', actor: { type: 'machine', id: machine.id }, target: { type: 'session', id }, ip: client.ip, browserMode: client.browserMode, details: { accessKeyId: key.id } });
      return {
        ...pair,
        machineId: machine.id,
        organisationId: organisation.id,
        organisationKey: JSON.parse(organisation.signing_key) as PublicKeyRecord,
        certificate: JSON.parse(machine.certificate) as MemberCertificate,
        sealedKeys: JSON.parse(deps.sealer.open(key.sealed_keys, accessKeyPlace(key.id)).toString()) as NewAccessKey['sealedKeys'],
      };
    },
  };
}

export type MachinesService = ReturnType<typeof machinesService>;
