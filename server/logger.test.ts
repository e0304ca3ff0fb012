import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('server logger', () => {
  it('redacts secrets, tokens, ciphertext and the master key hash wherever a caller passes them', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('info', destination);
    logger.info({ body: { login: 'alice@acme.test', password: 'hunter2', masterKeyHash: 'ab'.repeat(32), encryptedPkcs8: 'AAAAciphertext' }, req: { headers: { authorization: 'Bearer kha_secret' } } }, 'request');
    const line = lines.join('');
    expect(line).toContain('alice@acme.test');
    for (const secret of ['hunter2', 'ab'.repeat(32), 'AAAAciphertext', 'kha_secret']) expect(line).not.toContain(secret);
  });
});
