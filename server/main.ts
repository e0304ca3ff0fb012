import { KEYHOLD_VERSION } from '../lib/version';
import { parseServerArgs, SERVER_USAGE, UsageError, type ServerArgs } from './cli/args';
import { createLogger } from './logger';
import { runServer } from './serve';

async function run(args: ServerArgs): Promise<void> {
  if (args.help) return void console.log(SERVER_USAGE);
  if (args.version) return void console.log(KEYHOLD_VERSION);
  if (args.command !== 'serve') throw new UsageError(`Unknown command "${args.command}".`);
  await runServer({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    logger: createLogger(),
  });
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
