import type { Sentiment, Turn } from '../../shared/envelope';
import type { Message } from '../../shared/conversation';
import { deriveSentiment } from './sentiment';
import { isCustomer } from './turns';

/**
 * How many of the customer's latest turns the live figure reads: the score leans on the latest
 * turns anyway, and a chat of thousands of messages must not make each new one dearer to store.
 */
export const LIVE_SENTIMENT_TURNS = 20;

/**
 * The customer's sentiment once they write to a person: the bot-era turns and the messages since,
 * derived as at intake, so the card and the radar follow the customer as they are now.
 * `recentMessages` are the customer's latest messages, newest first, as the store reads them.
 */
export function liveSentiment(botTranscript: readonly Turn[], recentMessages: readonly Message[]): Sentiment | undefined {
  const live = recentMessages
    .slice(0, LIVE_SENTIMENT_TURNS)
    .reverse()
    .map((message): Turn => ({ id: message.id, at: message.at, author: 'customer', text: message.text }));
  const room = LIVE_SENTIMENT_TURNS - live.length;
  const earlier = room > 0 ? botTranscript.filter(isCustomer).slice(-room) : [];
  return deriveSentiment([...earlier, ...live]);
}
