import { randomBytes } from '../../lib/crypto/bytes';
import { aesCbcDecrypt, aesCbcEncrypt, importAesCbcKey } from '../../lib/crypto/primitives';
import { createDecryptionStream, createEncryptionStream } from '../../lib/crypto/segmented';
import { median, round, type Figure } from '../report';

const TOTAL = 50 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const ROUNDS = 3;
const MB = 1e6;

function source(): ReadableStream<Uint8Array> {
  const chunk = randomBytes(CHUNK);
  let sent = 0;
  return new ReadableStream({
    pull: (controller) => {
      if (sent >= TOTAL) return controller.close();
      // A copy per chunk, as a file reader would hand over fresh buffers.
      controller.enqueue(chunk.slice());
      sent += CHUNK;
    },
  });
}

/** Encrypts and decrypts 50 MB through the streams; returns seconds and how far RSS rose above its start. */
async function streamRound(): Promise<{ seconds: number; rssGrowth: number }> {
  const key = randomBytes(32);
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let received = 0;
  const started = performance.now();
  await source()
    .pipeThrough(createEncryptionStream(key, 'bench-blob'))
    .pipeThrough(createDecryptionStream(key, 'bench-blob'))
    .pipeTo(
      new WritableStream({
        write: (chunk) => {
          received += chunk.length;
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      }),
    );
  if (received !== TOTAL) throw new Error(`stream lost data: ${received} of ${TOTAL} bytes`);
  return { seconds: (performance.now() - started) / 1000, rssGrowth: peakRss - startRss };
}

/** The baseline: WebCrypto AES-256-CBC alone on the same bytes in 64 KiB pieces, no MAC, no streams. */
async function rawAesRound(): Promise<number> {
  const key = await importAesCbcKey(randomBytes(32));
  const piece = randomBytes(65536);
  const iv = randomBytes(16);
  const started = performance.now();
  for (let done = 0; done < TOTAL; done += piece.length) await aesCbcDecrypt(key, iv, await aesCbcEncrypt(key, iv, piece));
  return (performance.now() - started) / 1000;
}

/** crypto.stream_mb_s: segmented encryption + decryption of 50 MB, against raw AES-CBC in the same run. */
export async function measureStream(log: (line: string) => void): Promise<Figure[]> {
  const streamed: number[] = [];
  const raw: number[] = [];
  let rssGrowth = 0;
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(TOTAL / MB / (await rawAesRound()));
    const round_ = await streamRound();
    streamed.push(TOTAL / MB / round_.seconds);
    rssGrowth = Math.max(rssGrowth, round_.rssGrowth);
  }
  const streamMbS = median(streamed);
  const rawMbS = median(raw);
  log(`50 MB blob, encrypt + decrypt stream   ${round(streamMbS)} MB/s (median of ${ROUNDS}), RSS grew at most ${round(rssGrowth / 2 ** 20)} MiB`);
  log(`raw AES-256-CBC, encrypt + decrypt     ${round(rawMbS)} MB/s (median of ${ROUNDS})`);
  return [
    { name: 'stream_mb_s', value: streamMbS, unit: 'MB/s' },
    { name: 'aes_cbc_mb_s', value: rawMbS, unit: 'MB/s' },
    { name: 'stream_ratio', value: streamMbS / rawMbS, unit: 'x' },
    { name: 'stream_rss_growth_mb', value: rssGrowth / 2 ** 20, unit: 'MiB' },
  ];
}
