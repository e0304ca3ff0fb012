import type { Kysely } from 'kysely';
import type { AuditPublicKey, ChainReport } from '../../lib/contract/audit-chain';
import type { Tables } from '../db/tables';
import { eventsRepository } from '../events/events.repository';
import { ApiError } from '../http/errors';
import { auditChainRepository } from './audit-chain.repository';
import { signHead, type SignedHead } from './head-signature';
import { publicKeyPem, type AuditSigningKey } from './signing-key';
import { verifyChain, type ExpectedHead } from './verify';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows one retention run deletes at most: a long backlog goes over several runs, not one long transaction that stalls SQLite. */
export const RETENTION_BATCH = 50_000;

/** Signs chain heads, verifies the chain and enforces retention (docs/audit.md). */
export function auditChainService(deps: { db: Kysely<Tables>; key: AuditSigningKey; now: () => number }) {
  const repository = auditChainRepository(deps.db);
  const { key } = deps;

  /** Signs the row at `seq` (unless already signed) and returns the head stored for it. */
  async function signAt(chain: ReturnType<typeof auditChainRepository>, end: { seq: number; hash: string }): Promise<SignedHead> {
    const existing = await chain.headAt(end.seq);
    if (existing) return existing;
    await chain.insertHead(signHead(key.privateKey, key.keyId, { ...end, signedAt: deps.now() }));
    // Another instance may have signed the same head first: theirs is the one kept.
    return (await chain.headAt(end.seq))!;
  }

  return {
    /** Signs the current chain head; undefined for an empty log. A head already signed is returned as it is. */
    async signCurrentHead(): Promise<SignedHead | undefined> {
      const end = await repository.end();
      return end && signAt(repository, end);
    },

    /** Like signCurrentHead, for the API: 409 for an empty log. */
    async signNow(): Promise<SignedHead> {
      const end = await repository.end();
      if (!end) throw new ApiError('conflict', { detail: 'the audit log is empty' });
      return signAt(repository, end);
    },

    /** Walks the whole chain; see verify.ts. */
    verify(expected?: ExpectedHead): Promise<ChainReport> {
      return verifyChain(repository, key.publicKeys, expected);
    },

    /** The newest signed heads, newest first. */
    latestHeads(limit: number): Promise<SignedHead[]> {
      return repository.latestHeads(limit);
    },

    /** The trusted public keys, the current one first. */
    publicKeys(): AuditPublicKey[] {
      const keys = [...key.publicKeys].map(([keyId, publicKey]) => ({ keyId, publicKey: publicKeyPem(publicKey), current: keyId === key.keyId }));
      return keys.sort((a, b) => Number(b.current) - Number(a.current));
    },

    /**
     * Deletes events older than `days` days, keeping the chain verifiable: in one transaction under
     * the writer lock, it signs the head at the last row to go (the anchor the first kept row links
     * to), deletes the rows up to it and the heads below it, and records `audit.retention`. The
     * newest row always stays, so the next append still links to the chain. At most `batch` rows
     * go per run. Returns how many went.
     */
    enforceRetention(days: number, batch = RETENTION_BATCH): Promise<number> {
      return repository.writing(async (trx) => {
        const chain = auditChainRepository(trx);
        const end = await chain.end();
        const older = await chain.lastSeqBefore(deps.now() - days * DAY_MS);
        const [first] = await chain.rowsAfter(0, 1);
        if (!end || !first || older === undefined) return 0;
        const through = Math.min(older, end.seq - 1, first.seq + batch - 1);
        const hash = await chain.hashAt(through);
        if (!hash) return 0;
        await signAt(chain, { seq: through, hash });
        const deleted = await chain.deleteThrough(through);
        const details = { deleted, throughSeq: through, keepDays: days };
        await eventsRepository(trx).append({ occurredAt: deps.now(), type: 'audit.retention', actor: { type: 'system', id: null }, target: null, vaultId: null, ip: null, browserMode: null, details });
        return deleted;
      });
    },
  };
}

export type AuditChainService = ReturnType<typeof auditChainService>;
