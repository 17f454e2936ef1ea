import type { Migration } from './index';

/**
 * What a contact centre sets up itself: a skill catalogue, people who can be deactivated, queues
 * with their service level and offer timeout, integrations per platform with a rotating token,
 * one-time password codes, the admins' audit log and hub-wide settings. Skills already in use on an
 * upgraded hub become the catalogue, so nothing routed today turns "unknown".
 */
export const administration: Migration = {
  version: 12,
  up(db) {
    db.exec(`
      CREATE TABLE skills (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;
      INSERT OR IGNORE INTO skills (id, name)
        SELECT value, value FROM users, json_each(users.skills)
        UNION SELECT value, value FROM queues, json_each(queues.required_skills);

      ALTER TABLE users ADD COLUMN deactivated_at TEXT;

      ALTER TABLE queues ADD COLUMN service_level_seconds INTEGER NOT NULL DEFAULT 60;
      ALTER TABLE queues ADD COLUMN service_level_percent INTEGER NOT NULL DEFAULT 80;
      ALTER TABLE queues ADD COLUMN offer_timeout_seconds INTEGER;

      ALTER TABLE integrations ADD COLUMN created_at TEXT;
      ALTER TABLE integrations ADD COLUMN previous_token_hash TEXT;
      ALTER TABLE integrations ADD COLUMN previous_token_expires_at TEXT;
      ALTER TABLE integrations ADD COLUMN revoked_at TEXT;

      CREATE TABLE password_codes (
        code_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX password_codes_user ON password_codes(user_id);

      -- Append-only: who changed what, with the before and after (secrets are never written here).
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        before TEXT,
        after TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);

      CREATE TABLE hub_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
