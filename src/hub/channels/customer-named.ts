import type { HandoffEnvelope } from '../../shared/envelope';
import { customerName } from '../adapters/normalize';
import type { InboundSender } from '../adapters/types';
import type { ConversationKernel } from '../services/conversation-kernel';
import type { ConversationRecord } from '../store/conversations';
import type { LoggedEvent } from '../store/events';

/**
 * A platform that names the customer only with their first message (Botpress's hitl-api: the ticket
 * says nobody, `botSendsMessage` carries the remote user) fills in the conversation's customer then,
 * once: a conversation that already names its customer keeps them, so a later message from someone
 * else never renames the card. Logged as `conversation:customer-updated` for the desktop and its cache.
 */
export async function fillInCustomer(kernel: ConversationKernel, record: ConversationRecord, sender: InboundSender, logged: LoggedEvent[]): Promise<void> {
  const current = record.envelope.customer;
  if (current.id !== undefined || (!sender.name && !sender.email)) return;
  // The adapter's own stand-in for a customer it could not name (adapters/normalize.ts).
  const unnamed = current.name === customerName(undefined, record.envelope.source?.conversationId);
  const customer: HandoffEnvelope['customer'] = {
    ...current,
    id: sender.id,
    ...(unnamed && sender.name ? { name: sender.name } : {}),
    ...(!current.email && sender.email ? { email: sender.email } : {}),
  };
  await kernel.deps.conversations.setCustomer(record.id, customer);
  logged.push(await kernel.log(record, { type: 'conversation:customer-updated', customer }, kernel.audienceOf(record), kernel.now()));
}
