// lib/crypto's public surface, for callers that want the whole of it (the extension worker, the
// CLI, the browser test bundle). Modules inside lib/crypto import each other directly.
export * from './access-keys';
export * from './bytes';
export * from './canonical';
export * from './certificates';
export * from './contexts';
export * from './entry-integrity';
export * from './errors';
export * from './fingerprints';
export * from './invitation';
export * from './kdf';
export * from './link-keys';
export * from './organisation';
export * from './primitives';
export * from './segmented';
export * from './signatures';
export * from './symmetric';
export * from './token-hash';
export * from './user-keys';
export * from './wraps';
