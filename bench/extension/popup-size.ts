import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// extension.popup_js_kb: the JavaScript popup.html makes the browser load before the popup can run
// — its module scripts and modulepreloads, and everything they import statically — gzipped, as
// a user's browser would read it from disk. Dynamic imports (the passphrase word list) load on
// demand and do not count. esbuild's metafile names each import with its kind, so the walk follows
// `import-statement` edges only, without parsing minified code by hand.

/** One file the popup loads, its raw and gzipped size. */
export interface LoadedScript {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The scripts popup.html names (module scripts and modulepreload links), as paths inside the build. */
function pageScripts(extensionDir: string): string[] {
  const html = readFileSync(join(extensionDir, 'popup.html'), 'utf8');
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g), ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1]!);
  if (sources.length === 0) throw new Error(`popup.html in ${extensionDir} names no script`);
  return sources.map((source) => resolve(extensionDir, source.replace(/^\//, '')));
}

/** Every file reachable from `entries` through static imports, per esbuild's metafile. */
async function staticClosure(extensionDir: string, entries: string[]): Promise<string[]> {
  const result = await build({ entryPoints: entries, bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', outdir: 'unused', absWorkingDir: extensionDir, logLevel: 'silent' });
  const inputs = result.metafile.inputs;
  const seen = new Set<string>();
  const queue = entries.map((entry) => relative(extensionDir, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of inputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) queue.push(imported.path);
  }
  return [...seen].sort();
}

/** The JavaScript the popup loads, file by file, and the gzipped total in KB (1,000 bytes). */
export async function measurePopupJs(extensionDir: string, log: (line: string) => void): Promise<{ gzipKb: number; files: LoadedScript[] }> {
  const files = (await staticClosure(extensionDir, pageScripts(extensionDir))).map((file) => {
    const content = readFileSync(join(extensionDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const gzipKb = files.reduce((sum, file) => sum + file.gzipBytes, 0) / 1000;
  for (const file of files) log(`    ${file.file.padEnd(40)} ${String(file.bytes).padStart(8)} bytes, ${String(file.gzipBytes).padStart(7)} gzipped`);
  log(`    popup JavaScript: ${files.length} files, ${Math.round(gzipKb * 10) / 10} KB gzipped (target < 150)`);
  return { gzipKb, files };
}
