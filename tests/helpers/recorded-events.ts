import { openDatabase } from '../../server/db/database';
import { eventsRepository, type EventRecord } from '../../server/events/events.repository';
import type { RunningServer } from './server-process';

/** The events of `type` that `actorId` caused on `server`, oldest first, read from its database. */
export async function recordedEvents(server: RunningServer, type: string, actorId: string): Promise<EventRecord[]> {
  const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
  try {
    return (await eventsRepository(db).list({ type, limit: 10_000 })).filter((event) => event.actor.id === actorId);
  } finally {
    await close();
  }
}
