import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botpressAdapter } from '../../../src/hub/adapters/botpress';
import { chatwootAdapter } from '../../../src/hub/adapters/chatwoot';
import { fixture, makeContext } from './helpers';

const STATUSES = ['pending', 'open', 'snoozed', 'resolved'] as const;
const TYPES = ['incoming', 'outgoing', 'activity', 'template', 0, 1, 2, 3] as const;

describe('Chatwoot inbound events, for any message', () => {
  it('make a customer message exactly for the contact’s own non-private words once a human has the conversation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TYPES), fc.boolean(), fc.constantFrom(...STATUSES), fc.string({ maxLength: 40 }), fc.nat(), async (type, isPrivate, status, content, id) => {
        const payload = { ...fixture('chatwoot-message-incoming.json'), id, content, message_type: type, private: isPrivate, conversation: { id: 88, status } };
        const outcome = await chatwootAdapter.translate(payload, makeContext());
        const isIncoming = type === 'incoming' || type === 0;
        const shouldReachAgent = status !== 'pending' && isIncoming && !isPrivate && content !== '';
        expect(outcome.kind === 'customer-message').toBe(shouldReachAgent);
        if (outcome.kind === 'customer-message') {
          expect(outcome).toMatchObject({ sourceConversationId: '88', message: { sourceMessageId: `cw-${id}`, text: content } });
        }
        // What the hub itself posted comes back outgoing, and never as the customer's.
        if (!isIncoming) expect(outcome.kind).not.toBe('customer-message');
      }),
      { numRuns: 400 },
    );
  });

  it('hand off on a conversation_updated only when its status went from pending to open', async () => {
    const base = fixture<Record<string, unknown>>('chatwoot-status-open.json');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STATUSES, undefined), fc.constantFrom(...STATUSES, undefined), async (previous, current) => {
        const payload = { ...base, event: 'conversation_updated', status: current ?? 'open', changed_attributes: [{ status: { previous_value: previous, current_value: current } }] };
        const outcome = await chatwootAdapter.translate(JSON.parse(JSON.stringify(payload)), makeContext());
        expect(outcome.kind === 'handoff').toBe(previous === 'pending' && current === 'open');
      }),
    );
  });
});

describe('Botpress botSendsMessage, for any message', () => {
  it('makes the remote user’s words the customer’s message of the ticket it names, never the bot’s', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('BOT'), fc.string({ minLength: 1, maxLength: 30 })), fc.string({ minLength: 1, maxLength: 30 }), fc.string({ maxLength: 40 }), async (user, ticket, text) => {
        const outcome = await botpressAdapter.translate({ type: 'botSendsMessage', remoteConversationId: ticket, remoteUserId: user, payload: { text } }, makeContext());
        const shouldReachAgent = user !== 'BOT' && text.trim() !== '';
        expect(outcome.kind === 'customer-message').toBe(shouldReachAgent);
        if (outcome.kind === 'customer-message') expect(outcome).toMatchObject({ sourceConversationId: ticket, message: { text } });
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same request the same message id and different words different ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), async (a, b) => {
        fc.pre(a.trim() !== '' && b.trim() !== '' && a !== b);
        const idOf = async (text: string) => {
          const outcome = await botpressAdapter.translate({ type: 'botSendsMessage', remoteConversationId: 'bpc-1', remoteUserId: 'bpu-1', payload: { text } }, makeContext());
          return outcome.kind === 'customer-message' ? outcome.message.sourceMessageId : outcome.kind;
        };
        expect(await idOf(a)).toBe(await idOf(a));
        expect(await idOf(a)).not.toBe(await idOf(b));
      }),
    );
  });
});
