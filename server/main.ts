import { KEYHOLD_VERSION } from '../lib/version';
import { parseServerArgs, SERVER_USAGE, UsageError, type ServerArgs } from './cli/args';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger } from './logger';
import { runServer } from './serve';

async function run(args: ServerArgs): Promise<void> {
  if (args.help) return void console.log(SERVER_USAGE);
  if (args.version) return void console.log(KEYHOLD_VERSION);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (args.command === 'migrate') return migrate(args, databaseUrl);
  if (args.command !== 'serve') throw new UsageError(`Unknown command "${args.command}".`);
  const tls = args.tlsCert && args.tlsKey ? { certFile: args.tlsCert, keyFile: args.tlsKey } : undefined;
  await runServer({ port: args.port, host: args.host, dataDir: args.dataDir, keyFile: args.keyFile, tls, databaseUrl, logger: createLogger() });
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

try {
  await run(parseServerArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${SERVER_USAGE}`);
    process.exit(2);
  }
  createLogger().fatal({ err: error }, 'could not start');
  process.exit(1);
}
