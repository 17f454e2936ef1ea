import { hashToken } from '../auth/tokens';
import type { HubDatabase } from './database';

export interface IntegrationAdminRow {
  id: string;
  name: string;
  defaultQueue: string;
  isSigned: boolean;
  callbackUrl: string | null;
  createdAt: string | null;
  previousTokenExpiresAt: string | null;
  revokedAt: string | null;
}

export interface LastDelivery {
  at: string;
  status: 'delivered' | 'failed' | 'pending';
  error: string | null;
}

interface DeliveryRow {
  created_at: string;
  delivered_at: string | null;
  given_up_at: string | null;
  last_error: string | null;
}

interface AdminRow {
  id: string;
  name: string;
  default_queue: string;
  is_signed: number;
  callback_url: string | null;
  created_at: string | null;
  previous_token_expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = `id, name, default_queue, CASE WHEN signing_secret IS NOT NULL THEN 1 ELSE 0 END AS is_signed, callback_url,
  created_at, previous_token_expires_at, revoked_at`;
const ALL = `SELECT ${COLUMNS} FROM integrations WHERE id != ? ORDER BY lower(name), id`;
const BY_ID = `SELECT ${COLUMNS} FROM integrations WHERE id = ?`;
const STAMP_CREATED = 'UPDATE integrations SET created_at = ? WHERE id = ?';
const ROTATE = 'UPDATE integrations SET previous_token_hash = token_hash, previous_token_expires_at = ?, token_hash = ? WHERE id = ?';
const REVOKE = 'UPDATE integrations SET revoked_at = ?, previous_token_hash = NULL, previous_token_expires_at = NULL WHERE id = ?';
const RENAME = 'UPDATE integrations SET name = ?, default_queue = ? WHERE id = ?';
const LAST_DELIVERY = `SELECT created_at, delivered_at, given_up_at, last_error FROM callback_deliveries
  WHERE integration_id = ? ORDER BY created_at DESC, position DESC LIMIT 1`;

const toRow = (row: AdminRow): IntegrationAdminRow => ({
  id: row.id,
  name: row.name,
  defaultQueue: row.default_queue,
  isSigned: row.is_signed === 1,
  callbackUrl: row.callback_url,
  createdAt: row.created_at,
  previousTokenExpiresAt: row.previous_token_expires_at,
  revokedAt: row.revoked_at,
});

/** Integrations as an admin manages them: their tokens' lifecycle and how delivery to them goes. */
export function createIntegrationAdminRepository(db: HubDatabase) {
  return {
    /** Every integration but `hidden` (the hub's own web chat). */
    list: async (hidden: string): Promise<IntegrationAdminRow[]> => (await db.all<AdminRow>(ALL, [hidden])).map(toRow),
    async get(id: string): Promise<IntegrationAdminRow | null> {
      const row = await db.get<AdminRow>(BY_ID, [id]);
      return row ? toRow(row) : null;
    },
    async stampCreated(id: string, at: Date): Promise<void> {
      await db.run(STAMP_CREATED, [at.toISOString(), id]);
    },
    /** The new token takes over; the old one keeps working until `overlapUntil`. */
    async rotate(id: string, token: string, overlapUntil: Date): Promise<void> {
      await db.run(ROTATE, [overlapUntil.toISOString(), hashToken(token), id]);
    },
    async revoke(id: string, at: Date): Promise<void> {
      await db.run(REVOKE, [at.toISOString(), id]);
    },
    async update(id: string, name: string, defaultQueue: string): Promise<void> {
      await db.run(RENAME, [name, defaultQueue, id]);
    },
    async lastDelivery(id: string): Promise<LastDelivery | null> {
      const row = await db.get<DeliveryRow>(LAST_DELIVERY, [id]);
      if (!row) return null;
      if (row.delivered_at) return { at: row.delivered_at, status: 'delivered', error: null };
      if (row.given_up_at) return { at: row.given_up_at, status: 'failed', error: row.last_error };
      return { at: row.created_at, status: row.last_error ? 'failed' : 'pending', error: row.last_error };
    },
  };
}

export type IntegrationAdminRepository = ReturnType<typeof createIntegrationAdminRepository>;
