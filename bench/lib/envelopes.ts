import type { HandoffEnvelope, Turn } from '../../src/shared/envelope';
import type { Random } from './prng';
import type { Sentences } from './sentences';

const FIRST = ['Maria', 'Ahmed', 'Li', 'Sofia', 'Kwame', 'Ingrid', 'Ravi', 'Chloe', 'Mateo', 'Yuki', 'Olu', 'Hannah'];
const LAST = ['Okafor', 'Hassan', 'Wei', 'Rossi', 'Mensah', 'Larsen', 'Patel', 'Dubois', 'Garcia', 'Tanaka', 'Adeyemi', 'Smith'];
const BASE_MS = Date.parse('2026-11-20T08:00:00Z');

/** A transcript of `turns` alternating customer and bot, one second apart from `startMs`. */
export function transcript(random: Random, sentences: Sentences, turns: number, startMs: number): Turn[] {
  return Array.from({ length: turns }, (_, i) => {
    const isCustomer = i % 2 === 0;
    // Two sentences now and then: real customers run on, and it brings the handoff to ~5 KB.
    const say = isCustomer ? sentences.customer : sentences.bot;
    const text = random.next() < 0.9 ? `${say()}. ${say()}` : say();
    return { id: `t${i + 1}`, at: new Date(startMs + i * 1000).toISOString(), author: isCustomer ? 'customer' : 'bot', ...(isCustomer ? {} : { name: 'Returns bot' }), text };
  });
}

/**
 * A canonical handoff as a bot would send it to `POST /v1/handoffs`. With 20 turns it weighs about
 * 5 KB of JSON, the size the ingest figure is defined on.
 */
export function handoffEnvelope(random: Random, sentences: Sentences, id: string, turns: number, queue: string): HandoffEnvelope {
  const name = `${random.pick(FIRST)} ${random.pick(LAST)}`;
  const startMs = BASE_MS + random.int(30 * 24 * 3600) * 1000;
  return {
    v: 1,
    id,
    source: { platform: 'generic', bot: 'bench-bot', conversationId: `c-${random.int(1_000_000_000)}` },
    customer: { id: `cust-${random.int(1_000_000)}`, name, email: 'customer@example.com', language: 'en', verification: { status: 'verified', method: 'one-time code' } },
    issue: { title: 'Refund for an order outside the 30-day window', intent: 'refund_request', department: 'returns' },
    reason: { kind: 'bot_failure', detail: 'Refund exceptions need an advisor', evidenceTurnIds: ['t2'], attempts: 2 },
    summary: { text: 'Wants a refund for an order two days past the window; verified; asked for an exception.', source: 'bot' },
    fields: [{ key: 'order_id', label: 'Order', value: String(100_000 + random.int(900_000)), verified: true }],
    transcript: transcript(random, sentences, turns, startMs),
    routing: { queue, skills: ['refunds'], language: 'en', priority: 2, channel: 'web' },
  };
}
