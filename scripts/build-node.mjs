// Bundles the server, the CLI and the benchmark runner into dist/ so Node 20 runs them without a
// TypeScript loader. npm packages stay external: they are installed beside the bundle.
import { build } from 'esbuild';

await build({
  entryPoints: { server: 'server/main.ts', bench: 'bench/run.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The share link page (server/share-links/page): a browser bundle and its stylesheet, which the server
// serves from dist/link-page/ to any browser, without the extension.
await build({
  entryPoints: { 'link-page': 'server/share-links/page/link-page.ts' },
  outdir: 'dist/link-page',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  logLevel: 'warning',
});

// zod's 40 locales and its JSON-schema importer are re-exported by its index but never used by the
// CLI (English messages are built in); leaving them out halves the bundle V8 compiles at start-up.
const zodWithoutExtras = {
  name: 'zod-without-extras',
  setup(build) {
    const unused = { '../locales/index.js': 'export {};', './from-json-schema.js': 'export const fromJSONSchema = undefined;' };
    build.onResolve({ filter: /^(\.\.\/locales\/index|\.\/from-json-schema)\.js$/ }, (args) => (args.importer.includes('/zod/v4/') ? { path: args.path, namespace: 'zod-unused' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-unused' }, (args) => ({ contents: unused[args.path], loader: 'js' }));
  },
};

// The CLI bundles its few packages (one file parses faster than zod's hundreds) and reads the
// contract without the OpenAPI generator: `keyhold run` start-up is a benchmark (docs/cli.md).
await build({
  entryPoints: { cli: 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  alias: { '@hono/zod-openapi': './cli/contract-without-openapi.ts' },
  plugins: [zodWithoutExtras],
  sourcemap: true,
  logLevel: 'warning',
});
