import { describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { conversationView, message, turn } from './fixtures/conversations';

describe('saving many conversations at once', () => {
  it('stores interleaved conversations with each transcript in order, same-time turns as given, and counts unread per conversation', () => {
    const db = openCache(':memory:');
    try {
      const repository = createConversationRepository(db);
      const early = conversationView({ id: 'early', messages: [message('early', 'e-m1', '2026-11-20T12:00:00Z')] });
      early.envelope = {
        ...early.envelope,
        transcript: [turn('e1', '2026-11-20T10:00:00Z', 'customer', 'first'), turn('e2', '2026-11-20T11:00:00Z', 'bot', 'second')],
      };
      const late = conversationView({
        id: 'late',
        messages: [message('late', 'l-m1', '2026-11-20T10:30:00Z'), message('late', 'l-m2', '2026-11-20T10:30:00Z', { author: 'agent' })],
      });
      late.envelope = {
        ...late.envelope,
        transcript: ['a', 'b', 'c'].map((id) => turn(`l-${id}`, '2026-11-20T10:30:00Z', 'customer', id)),
      };
      repository.saveMany([early, late]);
      repository.saveMany([early, late]);

      expect(repository.get('early')?.envelope.transcript.map((t) => t.id)).toEqual(['e1', 'e2']);
      expect(repository.get('late')?.envelope.transcript.map((t) => t.id)).toEqual(['l-a', 'l-b', 'l-c']);
      expect(repository.get('late')?.messages.map((m) => m.id)).toEqual(['l-m1', 'l-m2']);
      expect(repository.item('early')?.unread).toBe(1);
      expect(repository.item('late')?.unread).toBe(1);
      const seqs = db.prepare("SELECT turn_id FROM turns WHERE conversation_id = 'late' ORDER BY seq").pluck().all();
      expect(seqs).toEqual(['l-a', 'l-b', 'l-c', 'l-m1', 'l-m2']);
    } finally {
      db.close();
    }
  });
});
