import { measureDecrypt } from '../crypto/decrypt';
import { measureStream } from '../crypto/stream';
import { measureUnlock } from '../crypto/unlock';
import type { Suite } from '../suite';

/** The client cryptography at production parameters: unlock, bulk decryption, blob streaming. */
export const cryptoSuite: Suite = {
  name: 'crypto',
  description: 'unlock against the KDF alone, 10,000 entry decryptions, 50 MB blob streaming',
  run: async (log) => [...(await measureUnlock(log)), ...(await measureDecrypt(log)), ...(await measureStream(log))],
};
