import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { ApiClient } from '../../lib/api/client';
import type { Attachment } from '../../lib/contract/attachments';
import type { SymmetricKey } from '../../lib/crypto/symmetric';
import { downloadAttachment, uploadAttachment } from '../../lib/vault/attachment-transfer';
import { newId } from '../../lib/vault/owner-setup';

// Files for the attachment tests and the upload benchmark: content made on the fly (byte i is a
// function of i), so a 50 MB file costs the test no memory, and compared by SHA-256.

/** A stream of `size` bytes, byte i = (i · 31 + i ≫ 16) mod 256, in chunks of `chunk` bytes. */
export function patternStream(size: number, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset === size) return controller.close();
      const bytes = new Uint8Array(Math.min(chunk, size - offset));
      for (let i = 0; i < bytes.length; i++) {
        const at = offset + i;
        bytes[i] = (at * 31 + (at >>> 16)) & 0xff;
      }
      offset += bytes.length;
      controller.enqueue(bytes);
    },
  });
}

/** SHA-256 (hex) of everything `stream` delivers; rejects as the stream errors. */
export async function sha256Of(stream: ReadableStream<Uint8Array>): Promise<{ hash: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    hash.update(read.value);
    length += read.value.length;
  }
  return { hash: hash.digest('hex'), length };
}

/** Uploads a pattern file of `size` bytes to the item. */
export function uploadPattern(api: ApiClient, entry: SymmetricKey, itemId: string, size: number, name = `file-${size}.bin`): Promise<Attachment> {
  return uploadAttachment(api, { itemId, attachmentId: newId(), entry, file: { name, type: 'application/octet-stream', size }, content: patternStream(size) });
}

/** Downloads an attachment and hashes its verified plaintext. */
export async function downloadHash(api: ApiClient, entry: SymmetricKey, attachment: Attachment): Promise<{ hash: string; length: number; name: string }> {
  const { file, content } = await downloadAttachment(api, entry, attachment);
  return { ...(await sha256Of(content)), name: file.name };
}

/** The pid of the server process serving `dataDir` (its command line names it). */
export function serverPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(dataDir) && args.some((arg) => arg.endsWith('server.js'))) return Number(entry);
    } catch {
      // The process ended while the list was read.
    }
  }
  throw new Error(`no server process serves ${dataDir}`);
}

/** The resident set size of process `pid`, in bytes. */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Samples the RSS of `pid` every 10 ms while `work` runs; resolves with its result and the peak seen. */
export async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Expected hash of a pattern file of `size` bytes. */
export function patternHash(size: number): Promise<{ hash: string; length: number }> {
  return sha256Of(patternStream(size));
}
