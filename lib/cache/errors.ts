// What can go wrong with the offline cache and the keyring, each with its own class and stable
// `code`, so the worker can tell "wrong master password" from "the cache was tampered with" from
// "the server rolled an entry back" and say the right thing.

/** Base class of the errors lib/cache throws on purpose. */
export class CacheError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The cache key did not open under this master key: the master password is wrong. */
export class WrongMasterKeyError extends CacheError {
  constructor() {
    super('wrongMasterKey', 'The master password is wrong.');
  }
}

/** This device holds no offline cache for the account (never unlocked online here, or signed out). */
export class CacheNotFoundError extends CacheError {
  constructor() {
    super('cacheNotFound', 'This device has no offline copy of this account; connect to the server to unlock.');
  }
}

/** A cache record failed its MAC or is missing after the master key was right: damaged or tampered with. */
export class CacheCorruptError extends CacheError {
  constructor(what: string) {
    super('cacheCorrupt', `The offline copy on this device is damaged or was tampered with (${what}); it will be downloaded again.`);
  }
}

/** A sync answer holds an older revision than the cache already has: a server rolled back, or replayed. */
export class SyncRollbackError extends CacheError {
  constructor(
    readonly kind: 'item' | 'vault',
    readonly id: string,
  ) {
    super('syncRollback', `The server sent an older version of ${kind} ${id} than this device already has; nothing was changed.`);
  }
}

/** The cache was closed (locked) or forgotten (signed out); a new one must be opened. */
export class CacheClosedError extends CacheError {
  constructor() {
    super('cacheClosed', 'The vault is locked.');
  }
}

/** No usable wrap of this vault key for the user yet: access is pending a grant. */
export class VaultKeyPendingError extends CacheError {
  constructor(readonly vaultId: string) {
    super('vaultKeyPending', `Access to vault ${vaultId} is pending: someone who holds its key has to confirm it.`);
  }
}

/** The item, or the field asked for, is not in the cache. */
export class NotCachedError extends CacheError {
  constructor(what: string) {
    super('notCached', `${what} is not on this device.`);
  }
}

/** A TOTP field holds neither a base32 secret nor a TOTP otpauth:// link. */
export class TotpFieldError extends CacheError {
  constructor(reason: string) {
    super('totpFieldInvalid', `This one-time code field cannot be used: ${reason}.`);
  }
}
