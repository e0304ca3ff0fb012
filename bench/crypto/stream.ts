import { randomBytes } from '../../lib/crypto/bytes';
import { createDecryptionStream, createEncryptionStream } from '../../lib/crypto/segmented';
import { median, round, type Figure } from '../report';

// Streams a 50 MiB blob through segmented encryption and straight back through decryption, and sets
// it against WebCrypto's raw AES-256-CBC on the same bytes in the same run: the ratio, unlike the
// MB/s, means the same on a laptop and on a CI runner. Peak RSS shows that memory stays flat (a
// buffering bug would add the whole 50 MiB, twice).

const CHUNK = 1024 * 1024;
const TOTAL = 50 * CHUNK;
const PIECE = 65536;
const ROUNDS = 3;
const MB = 1e6;
const MIB = 2 ** 20;

/** 1 MiB chunks of random-ish data: one random chunk, copied fresh each time as a file reader would. */
function source(): ReadableStream<Uint8Array> {
  const chunk = randomBytes(CHUNK);
  let sent = 0;
  return new ReadableStream({
    pull: (controller) => {
      if (sent >= TOTAL) return controller.close();
      chunk[0] = sent / CHUNK; // no two chunks alike
      controller.enqueue(chunk.slice());
      sent += CHUNK;
    },
  });
}

/** One round through both streams; returns the seconds taken and the peak RSS seen while it ran. */
async function streamRound(): Promise<{ seconds: number; peakRss: number }> {
  const key = randomBytes(32);
  let peakRss = process.memoryUsage.rss();
  let received = 0;
  const started = performance.now();
  await source()
    .pipeThrough(createEncryptionStream(key, 'bench-blob'))
    .pipeThrough(createDecryptionStream(key, 'bench-blob'))
    .pipeTo(
      new WritableStream({
        // Sampled once per 64 KiB segment, the granularity at which buffers come and go.
        write: (chunk) => {
          received += chunk.length;
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
        },
      }),
    );
  if (received !== TOTAL) throw new Error(`the streams lost data: ${received} of ${TOTAL} bytes came out`);
  return { seconds: (performance.now() - started) / 1000, peakRss };
}

/** The baseline: crypto.subtle AES-256-CBC encrypt then decrypt of the same bytes in 64 KiB pieces, no MAC, no streams. */
async function rawAesRound(): Promise<number> {
  const key = await crypto.subtle.importKey('raw', randomBytes(32), { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
  const piece = randomBytes(PIECE);
  const iv = randomBytes(16);
  const started = performance.now();
  for (let done = 0; done < TOTAL; done += PIECE) {
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, piece);
    await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, ciphertext);
  }
  return (performance.now() - started) / 1000;
}

/** Streaming throughput, peak RSS, raw AES-CBC throughput and their ratio (median of 3 rounds each). */
export async function measureStream(log: (line: string) => void): Promise<Figure[]> {
  const startRss = process.memoryUsage.rss();
  const streamed: number[] = [];
  const raw: number[] = [];
  let peakRss = startRss;
  // Interleaved, so a noisy neighbour or a clock change hits both measurements alike.
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(TOTAL / MB / (await rawAesRound()));
    const result = await streamRound();
    streamed.push(TOTAL / MB / result.seconds);
    peakRss = Math.max(peakRss, result.peakRss);
  }
  const streamMbS = median(streamed);
  const rawMbS = median(raw);
  log(`50 MiB blob, encrypt + decrypt streams   ${round(streamMbS)} MB/s (median of ${ROUNDS}); peak RSS ${round(peakRss / MIB)} MiB, ${round(startRss / MIB)} MiB before`);
  log(`raw AES-256-CBC, encrypt + decrypt       ${round(rawMbS)} MB/s (median of ${ROUNDS}); streams reach ${round((100 * streamMbS) / rawMbS)}% of it`);
  return [
    { name: 'stream_mb_s', value: streamMbS, unit: 'MB/s' },
    { name: 'stream_peak_rss_mb', value: peakRss / MIB, unit: 'MiB' },
    { name: 'aes_cbc_mb_s', value: rawMbS, unit: 'MB/s' },
    { name: 'stream_ratio', value: streamMbS / rawMbS, unit: 'x' },
  ];
}
