import type { Message } from '../../shared/conversation';
import type { OutboxRepository } from '../cache/outbox';
import { HubRequestError } from '../hub-client/http-client';

export interface OutboxSenderDeps {
  outbox: OutboxRepository;
  send(conversationId: string, clientMessageId: string, text: string, attachmentIds: string[]): Promise<Message>;
  onChanged(conversationId: string): void;
  /** True once the core has closed its cache: an answer arriving later is dropped, then resent. */
  isClosed(): boolean;
}

/**
 * Delivers what the agent wrote, oldest first, one at a time so order holds. The hub stores a
 * clientMessageId once, so a message retried after a lost answer is still delivered exactly once.
 * Stops at the first unreachable hub and resumes on the next flush (reconnect).
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  let running: Promise<void> | null = null;
  let isWanted = false;

  /** Sends what is pending; false when it stopped at an unreachable hub (the next reconnect flushes). */
  async function drain(): Promise<boolean> {
    for (const pending of deps.outbox.pending()) {
      if (pending.status === 'failed' || !pending.clientMessageId) continue;
      try {
        const attachmentIds = (pending.attachments ?? []).flatMap((attachment) => (attachment.id ? [attachment.id] : []));
        const delivered = await deps.send(pending.conversationId, pending.clientMessageId, pending.text, attachmentIds);
        if (deps.isClosed()) return false;
        deps.outbox.markDelivered(pending.clientMessageId, delivered);
      } catch (error) {
        if (deps.isClosed()) return false;
        if (error instanceof HubRequestError && (error.isUnreachable || error.status >= 500)) return false;
        deps.outbox.markFailed(pending.clientMessageId, error instanceof Error ? error.message : String(error));
      }
      deps.onChanged(pending.conversationId);
    }
    return true;
  }

  return {
    /** Starts a drain, or joins the one under way; a write during a drain is picked up after it. */
    flush(): Promise<void> {
      isWanted = true;
      running ??= (async () => {
        while (isWanted) {
          isWanted = false;
          if (!(await drain())) break;
        }
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
