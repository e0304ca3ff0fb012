import { readdirSync, readFileSync } from 'node:fs';

// tests/helpers/server-process.ts does not expose the child's pid, so it is found in /proc: the
// child of this process whose command line names the server's own (unique, temporary) data folder.

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after it follow the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The pid of the server child started with `--data dataDir`, or undefined (not Linux, or not found). */
export function serverPid(dataDir: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of entries) {
    if (parentOf(pid) !== process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir)) return Number(pid);
    } catch {
      // Exited since the listing.
    }
  }
  return undefined;
}

/** The resident set of `pid` in MB (VmRSS), or undefined once the process is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples `pid`'s resident set every `everyMs` while `work` runs; resolves with work's result and the peak. */
export async function peakResidentMb<T>(pid: number, work: () => Promise<T>, everyMs = 200): Promise<{ result: T; peakMb: number }> {
  let peakMb = residentMb(pid) ?? 0;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, residentMb(pid) ?? 0);
  }, everyMs);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, residentMb(pid) ?? 0);
    return { result, peakMb };
  } finally {
    clearInterval(timer);
  }
}
