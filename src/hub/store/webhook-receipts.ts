import type { HubDatabase } from './database';

/** Signed deliveries seen within the replay window. A retry re-signs with a new timestamp; a replay does not. */
export function createWebhookReceiptRepository(db: HubDatabase) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO webhook_receipts (integration_id, message_id, timestamp, received_at) VALUES (?, ?, ?, ?)',
  );
  const prune = db.prepare('DELETE FROM webhook_receipts WHERE received_at < ?');
  return {
    /** Records a delivery; false if exactly this delivery was seen before. */
    remember(integrationId: string, messageId: string, timestamp: string, at: Date): boolean {
      return insert.run(integrationId, messageId, timestamp, at.toISOString()).changes === 1;
    },
    prune(before: Date): number {
      return prune.run(before.toISOString()).changes;
    },
  };
}

export type WebhookReceiptRepository = ReturnType<typeof createWebhookReceiptRepository>;
