import type { HubDatabase } from './database';

const INSERT = 'INSERT INTO webhook_receipts (integration_id, message_id, timestamp, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
const PRUNE = 'DELETE FROM webhook_receipts WHERE received_at < ?';

/** Signed deliveries seen within the replay window. A retry re-signs with a new timestamp; a replay does not. */
export function createWebhookReceiptRepository(db: HubDatabase) {
  return {
    /** Records a delivery; false if exactly this delivery was seen before. */
    async remember(integrationId: string, messageId: string, timestamp: string, at: Date): Promise<boolean> {
      return (await db.run(INSERT, [integrationId, messageId, timestamp, at.toISOString()])).changes === 1;
    },
    async prune(before: Date): Promise<number> {
      return (await db.run(PRUNE, [before.toISOString()])).changes;
    },
  };
}

export type WebhookReceiptRepository = ReturnType<typeof createWebhookReceiptRepository>;
