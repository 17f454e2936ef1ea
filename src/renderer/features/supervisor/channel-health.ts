import type { MessageDelivery } from '../../../shared/conversation';
import type { ConversationListItem } from '../../../shared/ipc';

export interface FailingChannel {
  channel: string;
  /** Open conversations with a reply still retrying or refused for good, newest problem first. */
  conversations: { id: string; customerName: string; trouble: MessageDelivery }[];
}

const CLOSED = new Set(['resolved', 'abandoned', 'returned_to_bot']);

/** The channels whose replies are not reaching customers in open conversations, worst first. */
export function failingChannels(items: Iterable<ConversationListItem>): FailingChannel[] {
  const byChannel = new Map<string, FailingChannel>();
  for (const item of items) {
    const trouble = item.channelTrouble;
    if (!trouble || CLOSED.has(item.state)) continue;
    const entry = byChannel.get(trouble.channel) ?? { channel: trouble.channel, conversations: [] };
    entry.conversations.push({ id: item.id, customerName: item.customerName, trouble });
    byChannel.set(trouble.channel, entry);
  }
  const channels = [...byChannel.values()];
  for (const channel of channels) channel.conversations.sort((a, b) => b.trouble.at.localeCompare(a.trouble.at));
  return channels.sort((a, b) => b.conversations.length - a.conversations.length || a.channel.localeCompare(b.channel));
}
