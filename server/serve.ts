import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app';
import { openDatabase } from './db/database';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logger: Logger;
}

/** Opens the database and serves the API until SIGINT or SIGTERM, then closes both cleanly. */
export async function runServer(options: ServeOptions): Promise<void> {
  const { logger } = options;
  const database = openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
  });
  await database.ping();
  const app = createApp({ database, logger });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    logger.info({ port: info.port, url: `http://${host}:${info.port}`, database: database.engine }, 'listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close(() => void database.close().finally(() => process.exit(0)));
    // Keep-alive connections can hold close() open; do not let them keep the process alive.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
