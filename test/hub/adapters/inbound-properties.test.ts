import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botpressAdapter } from '../../../src/hub/adapters/botpress';
import { chatwootAdapter } from '../../../src/hub/adapters/chatwoot';
import { fixture, makeContext } from './helpers';

const STATUSES = ['pending', 'open', 'snoozed', 'resolved'] as const;
const TYPES = ['incoming', 'outgoing', 'activity', 'template', 0, 1, 2, 3] as const;

describe('Chatwoot inbound events, for any message', () => {
  it('make a customer message exactly for the contact’s own non-private words once a human has the conversation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.boolean(), fc.constantFrom(...STATUSES), fc.string({ maxLength: 40 }), fc.nat(), (type, isPrivate, status, content, id) => {
        const payload = { ...fixture('chatwoot-message-incoming.json'), id, content, message_type: type, private: isPrivate, conversation: { id: 88, status } };
        const outcome = chatwootAdapter.translate(payload, makeContext());
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

  it('hand off on a conversation_updated only when its status went from pending to open', () => {
    const base = fixture<Record<string, unknown>>('chatwoot-status-open.json');
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES, undefined), fc.constantFrom(...STATUSES, undefined), (previous, current) => {
        const payload = { ...base, event: 'conversation_updated', status: current ?? 'open', changed_attributes: [{ status: { previous_value: previous, current_value: current } }] };
        const outcome = chatwootAdapter.translate(JSON.parse(JSON.stringify(payload)), makeContext());
        expect(outcome.kind === 'handoff').toBe(previous === 'pending' && current === 'open');
      }),
    );
  });
});

describe('Botpress botSendsMessage, for any message', () => {
  it('makes the remote user’s words the customer’s message of the ticket it names, never the bot’s', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant('BOT'), fc.string({ minLength: 1, maxLength: 30 })), fc.string({ minLength: 1, maxLength: 30 }), fc.string({ maxLength: 40 }), (user, ticket, text) => {
        const outcome = botpressAdapter.translate({ type: 'botSendsMessage', remoteConversationId: ticket, remoteUserId: user, payload: { text } }, makeContext());
        const shouldReachAgent = user !== 'BOT' && text.trim() !== '';
        expect(outcome.kind === 'customer-message').toBe(shouldReachAgent);
        if (outcome.kind === 'customer-message') expect(outcome).toMatchObject({ sourceConversationId: ticket, message: { text } });
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same request the same message id and different words different ids', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b) => {
        fc.pre(a.trim() !== '' && b.trim() !== '' && a !== b);
        const idOf = (text: string) => {
          const outcome = botpressAdapter.translate({ type: 'botSendsMessage', remoteConversationId: 'bpc-1', remoteUserId: 'bpu-1', payload: { text } }, makeContext());
          return outcome.kind === 'customer-message' ? outcome.message.sourceMessageId : outcome.kind;
        };
        expect(idOf(a)).toBe(idOf(a));
        expect(idOf(a)).not.toBe(idOf(b));
      }),
    );
  });
});
