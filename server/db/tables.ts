import type { Generated } from 'kysely';

/** `settings`: small JSON values by key (application settings, setup state). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

/** `events`: what happened, in order (`seq`), for the audit log. */
export interface EventsTable {
  seq: Generated<number>;
  occurred_at: number;
  type: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  vault_id: string | null;
  ip: string | null;
  browser_mode: number | null;
  details: string;
}

/** The whole schema as Kysely sees it; each migration that adds a table adds it here. */
export interface Tables {
  settings: SettingsTable;
  events: EventsTable;
}
