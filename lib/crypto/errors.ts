// Every way decryption or verification can fail has its own class, so callers can tell a wrong
// password from a tampering server from a newer client's data — and never get garbage plaintext.

/** Base class of every error lib/crypto throws on purpose; `code` is stable for messages and logs. */
export class CryptoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The MAC or signature did not verify: the key or context is wrong, or the data was tampered with. */
export class AuthenticationError extends CryptoError {
  constructor(what = 'data') {
    super('authenticationFailed', `The ${what} failed authentication: wrong key, or tampered with.`);
  }
}

/** The input ends before the format says it should (or has a length the format cannot have). */
export class TruncatedError extends CryptoError {
  constructor(what = 'ciphertext') {
    super('truncated', `The ${what} is truncated or has an impossible length.`);
  }
}

/** The input carries a format version this code does not know (perhaps written by a newer client). */
export class UnknownVersionError extends CryptoError {
  constructor(
    readonly version: number | string,
    what = 'ciphertext',
  ) {
    super('unknownVersion', `The ${what} has format version ${String(version)}, which this version of Keyhold cannot read.`);
  }
}

/** The input is not in the expected encoding or shape at all. */
export class MalformedError extends CryptoError {
  constructor(what: string) {
    super('malformed', `The ${what} is malformed.`);
  }
}

/** Key-derivation parameters from the server that a client must refuse (too weak, or absurd). */
export class KdfParametersError extends CryptoError {
  constructor(message: string) {
    super('kdfParametersRejected', message);
  }
}

/** A certificate is not signed by the pinned organisation key, or does not name what it should. */
export class CertificateError extends CryptoError {
  constructor(message: string) {
    super('certificateInvalid', message);
  }
}

/** The organisation key differs from the one this client pinned: a hard failure, never a prompt. */
export class PinMismatchError extends CryptoError {
  constructor() {
    super('organisationKeyChanged', "The organisation's signing key is not the one this device trusts.");
  }
}

/** An access-key string is not one Keyhold issued: wrong prefix, shape or checksum. */
export class AccessKeyFormatError extends CryptoError {
  constructor(readonly reason: 'prefix' | 'shape' | 'checksum') {
    const messages = {
      prefix: 'This is not a Keyhold access key (it must start with "khak1.").',
      shape: 'This Keyhold access key is incomplete or has characters that do not belong.',
      checksum: 'This Keyhold access key is mistyped or damaged (its checksum does not match).',
    };
    super('accessKeyInvalid', messages[reason]);
  }
}
