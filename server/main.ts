import { KEYHOLD_VERSION } from '../lib/version';
import { runAuditCommand } from './audit/audit-command';
import { AuditKeyError } from './audit/signing-key';
import { parseServerArgs, SERVER_USAGE, UsageError, type ServerArgs } from './cli/args';
import { BackupError, createBackup, restoreBackup } from './backup/backup.service';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger } from './logger';
import { rotateServerKey } from './sealing/rotate-key';
import { loadServerKeyring, ServerKeyError } from './sealing/server-key';
import { runServer } from './serve';

async function run(args: ServerArgs): Promise<void> {
  if (args.help) return void console.log(SERVER_USAGE);
  if (args.version) return void console.log(KEYHOLD_VERSION);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (args.command === 'migrate') return migrate(args, databaseUrl);
  if (args.command === 'backup' || args.command === 'restore' || args.command === 'rotate-key') return maintain(args, databaseUrl);
  if (args.command === 'audit') return audit(args, databaseUrl);
  if (args.command !== 'serve') throw new UsageError(`Unknown command "${args.command}".`);
  const tls = args.tlsCert && args.tlsKey ? { certFile: args.tlsCert, keyFile: args.tlsKey } : undefined;
  await runServer({ port: args.port, host: args.host, dataDir: args.dataDir, keyFile: args.keyFile, auditKeyFile: args.auditKeyFile, auditIntervalMs: args.auditIntervalMs, maxAttachmentBytes: args.maxAttachmentBytes, tls, databaseUrl, syslog: args.syslog, logger: createLogger() });
}

async function migrate(args: ServerArgs, databaseUrl: string | undefined): Promise<void> {
  const database = openDatabase({ databaseUrl, dataDir: args.dataDir });
  try {
    const applied = await migrateToLatest(database);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
}

/** backup, restore and rotate-key: open and migrate the database, do the one thing, close. */
async function maintain(args: ServerArgs, databaseUrl: string | undefined): Promise<void> {
  const database = openDatabase({ databaseUrl, dataDir: args.dataDir });
  try {
    await migrateToLatest(database);
    if (args.command === 'backup') {
      const header = await createBackup(database, args.file!);
      console.log(`Backup written to ${args.file}. It needs server key(s) ${header.keyIds.join(', ') || '(none)'} to be read: keep them safe, separately.`);
    } else if (args.command === 'restore') {
      const { keyring } = loadServerKeyring({ keyFile: args.keyFile, dataDir: args.dataDir, environment: process.env.KEYHOLD_SERVER_KEY });
      const { rows } = await restoreBackup(database, keyring, args.file!);
      console.log(`Restored ${rows} rows from ${args.file}.`);
    } else {
      const { keyId, resealed } = await rotateServerKey(database, { keyFile: args.keyFile, dataDir: args.dataDir });
      console.log(`New server key ${keyId} is current; re-sealed ${resealed} value(s). Back up ${args.keyFile} again now.`);
    }
  } finally {
    await database.close();
  }
}

/** audit verify, sign and public-key; verify sets a non-zero exit code when the chain is not whole. */
async function audit(args: ServerArgs, databaseUrl: string | undefined): Promise<void> {
  const database = openDatabase({ databaseUrl, dataDir: args.dataDir });
  try {
    await migrateToLatest(database);
    process.exitCode = await runAuditCommand(database, { action: args.auditAction!, expectHead: args.expectHead, keyFile: args.auditKeyFile, environment: process.env.KEYHOLD_AUDIT_KEY });
  } finally {
    await database.close();
  }
}

try {
  await run(parseServerArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof BackupError || error instanceof ServerKeyError || error instanceof AuditKeyError) {
    console.error(`keyhold-server: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${SERVER_USAGE}`);
    process.exit(2);
  }
  createLogger().fatal({ err: error }, 'could not start');
  process.exit(1);
}
