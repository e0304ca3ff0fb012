// Every column that holds a server-sealed value, with how its row id (part of the seal's
// associated data) is formed. Rotation re-seals exactly these; a new sealed column is added here.

/** One sealed column. */
export interface SealedColumn {
  table: string;
  column: string;
  /** The primary-key columns of the table, to address one row. */
  key: string[];
  /** The row id bound into the seal. */
  rowId(row: Record<string, unknown>): string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'organisation', column: 'sealed_private_key', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'users', column: 'sealed_private_keys', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'users', column: 'totp_secret', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'users', column: 'totp_pending_secret', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'invitations', column: 'encrypted_secret', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'sessions', column: 'grace_pair', key: ['id'], rowId: (row) => String(row.id) },
  {
    table: 'key_wraps',
    column: 'wrap',
    key: ['kind', 'subject_id', 'recipient_id', 'key_version'],
    rowId: (row) => `${String(row.kind)}/${String(row.subject_id)}/${String(row.recipient_id)}/${String(row.key_version)}`,
  },
  { table: 'items', column: 'secrets', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'item_revisions', column: 'record', key: ['item_id', 'revision'], rowId: (row) => `${String(row.item_id)}/${String(row.revision)}` },
  { table: 'item_shortcuts', column: 'wrap', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'inbox_shares', column: 'wrap', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'access_keys', column: 'sealed_keys', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'share_links', column: 'ciphertext', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'attachments', column: 'metadata', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'attachments', column: 'wrapped_key', key: ['id'], rowId: (row) => String(row.id) },
  { table: 'attachment_chunks', column: 'data', key: ['attachment_id', 'idx'], rowId: (row) => `${String(row.attachment_id)}/${String(row.idx)}` },
];
