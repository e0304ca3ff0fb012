import { UsageError } from '../cli/args';
import type { Database } from '../db/database';
import { auditChainService } from './audit-chain.service';
import { AuditKeyError, loadAuditSigningKey, newAuditKey, writeAuditKeyFile, type AuditSigningKey } from './signing-key';
import { parseExpectedHead } from './verify';

/** Writes a new current key into the key file, its predecessors' public keys after it. */
function rotate(key: AuditSigningKey, keyFile: string, environment: string | undefined): number {
  if (environment) throw new AuditKeyError('the audit key comes from KEYHOLD_AUDIT_KEY: rotate it in your secret store (docs/audit.md, "Rotating the key").');
  const next = newAuditKey(key);
  writeAuditKeyFile(keyFile, next);
  console.log(`New audit signing key ${next.keyId} is current in ${keyFile}; ${next.publicKeys.size - 1} older public key(s) kept. Copy the file to every instance and restart them.`);
  return 0;
}

/**
 * `keyhold-server audit verify|sign|public-key|rotate-key` against the configured database and audit key
 * (never created here: only a starting server creates one). Prints one line (verify, sign) or
 * the PEM keys; returns the exit code: 0, or 1 when verify finds a bad link.
 */
export async function runAuditCommand(database: Database, options: { action: string; expectHead: string | undefined; keyFile: string; environment: string | undefined }): Promise<number> {
  const expected = options.expectHead === undefined ? undefined : parseExpectedHead(options.expectHead);
  if (options.expectHead !== undefined && !expected) throw new UsageError(`--expect-head must be <seq>:<hash> or a 64-character hex hash, not "${options.expectHead}".`);
  const { key } = loadAuditSigningKey({ keyFile: options.keyFile, environment: options.environment, create: false });
  if (options.action === 'rotate-key') return rotate(key, options.keyFile, options.environment);
  const service = auditChainService({ db: database.db, key, now: Date.now });
  if (options.action === 'public-key') {
    for (const { publicKey } of service.publicKeys()) process.stdout.write(publicKey);
    return 0;
  }
  if (options.action === 'sign') {
    const head = await service.signCurrentHead();
    console.log(head ? `Signed head ${head.seq}:${head.hash} (key ${head.keyId}).` : 'The audit log is empty: nothing to sign.');
    return 0;
  }
  const report = await service.verify(expected);
  if (report.break) {
    console.log(`Audit chain broken at ${report.break.seq} (${report.break.kind}): ${report.break.message}.`);
    return 1;
  }
  const signed = report.lastSignedHead ? `, last signed head ${report.lastSignedHead.seq}` : '';
  console.log(report.head ? `Audit chain whole: rows ${report.firstSeq}–${report.head.seq}, head ${report.head.seq}:${report.head.hash}${signed}.` : 'Audit chain whole: the log is empty.');
  return 0;
}
