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

/** Integrations as an admin manages them: their tokens' lifecycle and how delivery to them goes. */
export function createIntegrationAdminRepository(db: HubDatabase) {
  const columns = `id, name, default_queue AS defaultQueue, signing_secret IS NOT NULL AS isSigned, callback_url AS callbackUrl,
    created_at AS createdAt, previous_token_expires_at AS previousTokenExpiresAt, revoked_at AS revokedAt`;
  const statements = {
    all: db.prepare<[string], IntegrationAdminRow>(`SELECT ${columns} FROM integrations WHERE id != ? ORDER BY name COLLATE NOCASE, id`),
    byId: db.prepare<[string], IntegrationAdminRow>(`SELECT ${columns} FROM integrations WHERE id = ?`),
    stampCreated: db.prepare('UPDATE integrations SET created_at = ? WHERE id = ?'),
    rotate: db.prepare('UPDATE integrations SET previous_token_hash = token_hash, previous_token_expires_at = ?, token_hash = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE integrations SET revoked_at = ?, previous_token_hash = NULL, previous_token_expires_at = NULL WHERE id = ?'),
    rename: db.prepare('UPDATE integrations SET name = ?, default_queue = ? WHERE id = ?'),
    lastDelivery: db.prepare<[string], DeliveryRow>(
      `SELECT created_at, delivered_at, given_up_at, last_error FROM callback_deliveries
       WHERE integration_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
  };
  const toRow = (row: IntegrationAdminRow): IntegrationAdminRow => ({ ...row, isSigned: Boolean(row.isSigned) });
  return {
    /** Every integration but `hidden` (the hub's own web chat). */
    list: (hidden: string): IntegrationAdminRow[] => statements.all.all(hidden).map(toRow),
    get(id: string): IntegrationAdminRow | null {
      const row = statements.byId.get(id);
      return row ? toRow(row) : null;
    },
    stampCreated(id: string, at: Date): void {
      statements.stampCreated.run(at.toISOString(), id);
    },
    /** The new token takes over; the old one keeps working until `overlapUntil`. */
    rotate(id: string, token: string, overlapUntil: Date): void {
      statements.rotate.run(overlapUntil.toISOString(), hashToken(token), id);
    },
    revoke(id: string, at: Date): void {
      statements.revoke.run(at.toISOString(), id);
    },
    update(id: string, name: string, defaultQueue: string): void {
      statements.rename.run(name, defaultQueue, id);
    },
    lastDelivery(id: string): LastDelivery | null {
      const row = statements.lastDelivery.get(id);
      if (!row) return null;
      if (row.delivered_at) return { at: row.delivered_at, status: 'delivered', error: null };
      if (row.given_up_at) return { at: row.given_up_at, status: 'failed', error: row.last_error };
      return { at: row.created_at, status: row.last_error ? 'failed' : 'pending', error: row.last_error };
    },
  };
}

export type IntegrationAdminRepository = ReturnType<typeof createIntegrationAdminRepository>;
