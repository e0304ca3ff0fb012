/** The largest file an entry may hold unless the operator sets --max-attachment-mb: 50 MB of 1,000,000 bytes. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 50_000_000;
