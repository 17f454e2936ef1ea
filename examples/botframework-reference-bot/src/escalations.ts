import type { ConversationReference, Storage } from 'botbuilder';

/**
 * Which conversations the hub has, kept in botbuilder's Storage (MemoryStorage here; Blob or
 * Cosmos storage in production) so the hub's callbacks, which arrive outside any turn, find the
 * user's conversation reference. One record per Bot Framework conversation, as the
 * EscalationRecord of Microsoft's LPProxyBot sample.
 */
export interface Escalation {
  reference: Partial<ConversationReference>;
  /** The hub's id of the conversation, from its answer to the handoff. */
  hubConversationId: string;
  agentName?: string;
}

const key = (conversationId: string) => `warmline/escalation/${conversationId}`;
const deliveryKey = (webhookId: string) => `warmline/delivery/${webhookId}`;

export function createEscalations(storage: Storage) {
  return {
    async get(conversationId: string): Promise<Escalation | undefined> {
      const items = await storage.read([key(conversationId)]);
      return items[key(conversationId)] as Escalation | undefined;
    },
    async put(conversationId: string, escalation: Escalation): Promise<void> {
      await storage.write({ [key(conversationId)]: { ...escalation, eTag: '*' } });
    },
    async end(conversationId: string): Promise<void> {
      await storage.delete([key(conversationId)]);
    },
    /** True the first time a hub delivery id is seen: the hub delivers at least once. */
    async firstDelivery(webhookId: string): Promise<boolean> {
      const items = await storage.read([deliveryKey(webhookId)]);
      return items[deliveryKey(webhookId)] === undefined;
    },
    async delivered(webhookId: string): Promise<void> {
      await storage.write({ [deliveryKey(webhookId)]: { at: new Date().toISOString(), eTag: '*' } });
    },
  };
}

export type Escalations = ReturnType<typeof createEscalations>;
