import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHandoffQuality } from '../../src/hub/metrics/handoff-quality';
import { openHubDatabase, type HubDatabase } from '../../src/hub/store/database';
import { createEventLog } from '../../src/hub/store/events';
import type { ConversationView } from '../../src/shared/conversation';
import { REASON_KINDS } from '../../src/shared/envelope';
import type { HubEventBody } from '../../src/shared/protocol';
import { measured, type FigureReport } from '../lib/figure';
import { tempDir } from '../lib/hub-fixture';
import { percentile } from '../lib/percentiles';
import { createRandom } from '../lib/prng';

export interface MetricsBenchOptions {
  conversations: number;
  repeats: number;
}

const START = Date.parse('2026-11-01T00:00:00Z');
const QUEUES = ['support', 'billing', 'returns'];
const INTENTS = ['refund_request', 'delivery_status', 'card_declined', 'address_change', 'cancel_order'];
const AGENTS = Array.from({ length: 40 }, (_, index) => ({ id: `u_${index}`, name: `Agent ${index}` }));

/** The baseline: the cheapest honest figure, the reason mix of the handoffs, as one hand-written GROUP BY. */
const RAW_REASON_MIX = `
  SELECT json_extract(body, '$.conversation.envelope.reason.kind') AS reason, count(*) AS n FROM events
  WHERE type = 'conversation:queued' AND at >= @from AND at < @to GROUP BY reason`;

/** The same GROUP BY over the per-conversation rows the report reads (conversation_facts): how far SQL alone could go. */
const FACTS_REASON_MIX = `
  SELECT reason, count(*) AS n FROM conversation_facts
  WHERE handed_off_at >= @from AND handed_off_at < @to AND NOT is_direct GROUP BY reason`;

/**
 * A month of event log, as the hub writes it: each conversation handed off with a five-turn
 * transcript, offered, mostly accepted (some declined first, some abandoned), two messages,
 * resolved, a third rated, a few transferred and repeat-asked.
 */
export async function fillLog(db: HubDatabase, conversations: number): Promise<void> {
  const log = createEventLog(db);
  const random = createRandom(8);
  const spacing = (30 * 24 * 3600_000) / conversations;
  await db.write(async () => {
    for (let index = 0; index < conversations; index += 1) {
      const id = `c_${index}`;
      const queue = random.pick(QUEUES);
      let ms = START + index * spacing;
      const at = () => new Date(ms).toISOString();
      const append = async (body: HubEventBody) => void (await log.append({ conversationId: id, queue, at: at(), body, audience: [] }));
      const agent = random.pick(AGENTS);
      const view: ConversationView = {
        id, state: 'queued', queue, offer: null, createdAt: at(), updatedAt: at(), messages: [],
        owner: { kind: 'queue', id: queue, name: queue, since: at(), why: 'handed off' },
        envelope: {
          v: 1, id: `bot:${id}`, source: { platform: 'generic', bot: 'bench-bot', conversationId: id },
          customer: { name: `Customer ${index}` },
          issue: { title: 'A question', intent: random.pick(INTENTS) },
          reason: { kind: random.pick(REASON_KINDS) },
          fields: [{ key: 'order_id', value: String(100000 + index), verified: true }],
          transcript: Array.from({ length: 5 }, (_, turn) => ({ id: `t${turn}`, at: at(), author: turn % 2 === 0 ? ('customer' as const) : ('bot' as const), text: 'I would like to know where my order is, please.' })),
          routing: { queue, channel: random.pick(['web', 'whatsapp', 'sms'] as const) },
        },
      };
      await append({ type: 'conversation:queued', conversation: view });
      const offer = { agentId: agent.id, offeredAt: at(), expiresAt: null };
      await append({ type: 'conversation:offered', conversation: { ...view, state: 'offered', offer }, offer });
      ms += 5000 + random.int(60_000);
      if (random.next() < 0.05) {
        await append({ type: 'conversation:abandoned', owner: view.owner, waitedMs: 0 });
        continue;
      }
      if (random.next() < 0.1) await append({ type: 'offer:ended', agentId: agent.id, outcome: 'declined', reason: 'busy' });
      await append({ type: 'conversation:assigned', conversation: { ...view, state: 'assigned', owner: { kind: 'agent', id: agent.id, name: agent.name, since: at(), why: 'accepted' } } });
      for (const author of ['agent', 'customer'] as const) {
        ms += 20_000;
        await append({ type: 'message:added', message: { id: `m_${index}_${author}`, conversationId: id, at: at(), author, text: 'Thanks, let me check that for you.' } });
      }
      if (random.next() < 0.1) await append({ type: 'repeat-ask:recorded', kind: 'agent_asked', fieldKey: 'order_id', messageId: `m_${index}_agent`, agentId: agent.id });
      ms += 60_000 + random.int(600_000);
      await append({ type: 'conversation:resolved', owner: view.owner, disposition: 'solved', by: agent });
      if (random.next() < 0.33) await append({ type: 'rating:recorded', rating: 1 + random.int(5) });
    }
  });
}

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** The whole handoff-quality report over every conversation of the log, against the raw GROUP BY baseline. */
export async function benchMetrics(options: MetricsBenchOptions): Promise<FigureReport> {
  const dir = tempDir('warmline-bench-metrics-');
  try {
    const db = await openHubDatabase(join(dir, 'hub.sqlite'));
    const filled = await timed(() => fillLog(db, options.conversations));
    const period = { from: new Date(START).toISOString(), to: new Date(START + 31 * 24 * 3600_000).toISOString() };
    const quality = createHandoffQuality(db);
    const slimRuns: number[] = [];
    let handoffs = 0;
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < options.repeats; round += 1) {
      baseline.push(await timed(() => db.all(RAW_REASON_MIX, period)));
      slimRuns.push(await timed(() => db.all(FACTS_REASON_MIX, period)));
      ours.push(await timed(async () => (handoffs = (await quality.report({ ...period, queues: QUEUES, filter: {} })).handoffs)));
    }
    await db.close();
    const value = percentile(ours, 50);
    const base = percentile(baseline, 50);
    return {
      figure: measured('handoff quality', 'ms', value, base, { op: '<=', value: 10 }),
      details: [
        `${options.conversations.toLocaleString('en-GB')} conversations (${handoffs.toLocaleString('en-GB')} in the report), log written in ${(filled / 1000).toFixed(1)} s`,
        `full report p50 ${value.toFixed(0)} ms vs raw reason-mix GROUP BY p50 ${base.toFixed(0)} ms, ${options.repeats} runs each`,
        `the same GROUP BY over conversation_facts (the per-conversation rows the report reads) p50 ${percentile(slimRuns, 50).toFixed(0)} ms`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
