import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../src/renderer/features/conversation/conversation-selectors';
import { conversation } from '../../fake-api';

describe('conversation timeline', () => {
  const base = conversation({
    id: 'a',
    messages: [
      { id: 'm1', conversationId: 'a', at: '2026-11-20T10:06:00Z', author: 'agent', text: 'Hi, I am Priya', clientMessageId: 'cm-1' },
      { id: 'm2', conversationId: 'a', at: '2026-11-20T10:07:00Z', author: 'customer', text: 'Hello' },
    ],
    pending: [
      { id: 'p1', conversationId: 'a', at: '2026-11-20T10:06:00Z', author: 'agent', text: 'Hi, I am Priya', clientMessageId: 'cm-1', status: 'pending', error: null },
      { id: 'p2', conversationId: 'a', at: '2026-11-20T10:08:00Z', author: 'agent', text: 'One moment', clientMessageId: 'cm-2', status: 'failed', error: 'offline' },
    ],
  });

  it('lists the bot transcript, then the live messages, then replies the hub has not confirmed', () => {
    expect(buildTimeline(base).map((entry) => [entry.author, entry.text, entry.delivery])).toEqual([
      ['customer', 'I want to return my boots', 'sent'],
      ['bot', 'What is your order number?', 'sent'],
      ['agent', 'Hi, I am Priya', 'sent'],
      ['customer', 'Hello', 'sent'],
      ['agent', 'One moment', 'failed'],
    ]);
  });

  it('marks which turns came before the handoff and which prove why it happened', () => {
    const withEvidence = conversation({ id: 'b', envelope: { ...base.envelope, reason: { kind: 'bot_failure', evidenceTurnIds: ['t2'] } } });
    expect(buildTimeline(withEvidence).map((entry) => [entry.isBeforeHandoff, entry.isEvidence])).toEqual([
      [true, false],
      [true, true],
    ]);
  });
});
