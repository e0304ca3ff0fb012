import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';

// A lock between keyhold processes sharing one config folder: a file created with O_EXCL. A holder
// that died leaves the file behind, so a lock older than STALE_MS is taken over (a refresh takes
// one request; nothing holds it that long while alive).

const STALE_MS = 30_000;
const RETRY_MS = 20;
const WAIT_MS = 20_000;

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isStale(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/** Runs `work` holding the lock file `path`; waits for another holder, takes over a stale lock. */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (!tryCreate(path)) {
    if (isStale(path)) rmSync(path, { force: true });
    else if (Date.now() > deadline) throw new Error(`Another keyhold process holds ${path}; remove it if none is running.`);
    else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
