import { describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { conversationView, message } from './fixtures/conversations';

describe('whispers in the cache', () => {
  it('gives a whisper back marked staff-only, whether it came with the view or as a streamed message', () => {
    const db = openCache(':memory:');
    try {
      const repository = createConversationRepository(db);
      const whisper = message('c1', 'w1', '2026-11-20T10:20:00Z', { author: 'supervisor', text: 'Offer the voucher', visibility: 'staff' });
      const said = message('c1', 'm1', '2026-11-20T10:21:00Z', { author: 'supervisor', text: 'Hello, I am joining' });
      repository.save(conversationView({ id: 'c1', messages: [whisper] }));
      repository.addMessage(said);
      repository.addMessage(message('c1', 'w2', '2026-11-20T10:22:00Z', { author: 'supervisor', text: 'Now refund', visibility: 'staff' }));

      const messages = repository.get('c1')!.messages;
      expect(messages.map((m) => [m.id, m.visibility ?? 'everyone'])).toEqual([
        ['w1', 'staff'],
        ['m1', 'everyone'],
        ['w2', 'staff'],
      ]);
    } finally {
      db.close();
    }
  });
});
