// The Node.js flags the server runs with: package.json's `start` and `server` scripts pass them
// (node-flags.test.ts keeps those in step with this list), and so does the test helper that starts
// the server for the integration tests and the benchmarks. docs/operations.md says why.
//
// --max-semi-space-size=8: under request load V8 grows the young generation to 16 MB semi-spaces
// (about 34 MB resident), though almost everything a request allocates dies with it. At 4 MB,
// requests waiting for a pooled PostgreSQL connection outlived the young generation and were
// promoted, and the old generation peaked higher than with the default.
// --heap-growing-percent=50: the old generation may grow by half before the next full collection,
// instead of by up to several times; on PostgreSQL it otherwise climbed for a minute of load
// before its first full collection.

/** Flags placed before `dist/server.js` on the node command line. */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
