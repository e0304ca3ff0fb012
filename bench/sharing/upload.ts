import { openItem } from '../../lib/vault/item';
import { patternStream, peakRssDuring, rssOf, serverPid } from '../../tests/helpers/attachment-files';
import { createTestOrganisation } from '../../tests/helpers/organisation';
import { startServer } from '../../tests/helpers/server-process';
import { newItem, newVault } from '../../tests/helpers/vault-fixtures';
import { uploadAttachment } from '../../lib/vault/attachment-transfer';
import { newId } from '../../lib/vault/owner-setup';
import { median, round, type Figure } from '../report';

// A 50 MB attachment encrypted and uploaded through lib/vault/attachment-transfer.ts, as every
// client does it, against a real server (SQLite) on this machine: the time from the first byte read
// to the completed upload, and the server process's peak resident memory while it runs.

const SIZE = 50_000_000;
const RUNS = 3;

/** `upload_50mb_s` (median of 3) and `upload_rss_mb` (the server's peak RSS over the runs). */
export async function measureUpload(log: (line: string) => void): Promise<Figure[]> {
  const server = await startServer({ engine: 'sqlite' });
  try {
    const { owner } = await createTestOrganisation(server);
    const vault = await newVault(owner, { name: 'Bench files' });
    const item = await newItem(owner, vault, { name: 'Disk images' });
    const entry = (await openItem(item, vault)).entry;
    const pid = serverPid(server.dataDir);
    const upload = () => uploadAttachment(owner.api, { itemId: item.id, attachmentId: newId(), entry, file: { name: 'image.iso', type: 'application/octet-stream', size: SIZE }, content: patternStream(SIZE) });
    await uploadAttachment(owner.api, { itemId: item.id, attachmentId: newId(), entry, file: { name: 'warm-up', type: '', size: 2_000_000 }, content: patternStream(2_000_000) });
    const idle = rssOf(pid);
    const seconds: number[] = [];
    let peak = idle;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      const measured = await peakRssDuring(pid, upload);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      peak = Math.max(peak, measured.peak);
    }
    const mb = (bytes: number) => bytes / 2 ** 20;
    log(`encrypt + upload 50 MB      ${round(median(seconds))} s (median of ${RUNS}: ${seconds.map((s) => round(s)).join(', ')})`);
    log(`server RSS                  idle ${round(mb(idle))} MiB, peak ${round(mb(peak))} MiB`);
    return [
      { name: 'upload_50mb_s', value: median(seconds), unit: 's' },
      { name: 'upload_rss_mb', value: mb(peak), unit: 'MB' },
    ];
  } finally {
    await server.stop();
  }
}
