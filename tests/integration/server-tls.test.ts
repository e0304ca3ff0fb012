import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server-process';

function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

function httpsJson(url: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

describe('built-in TLS', () => {
  it('serves HTTPS with the given certificate and key', async () => {
    const { cert, key } = selfSignedCertificate();
    const server = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
    try {
      expect(server.url).toMatch(/^https:/);
      const { status, body } = await httpsJson(`${server.url}/healthz`, readFileSync(cert, 'utf8'));
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok' });
      // A client that does not trust the certificate is refused by TLS itself.
      await expect(httpsJson(`${server.url}/healthz`, '')).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
});
