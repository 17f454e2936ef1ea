import fc from 'fast-check';
import type { ConversationView, Owner } from '../../../src/shared/conversation';
import type { ReasonKind } from '../../../src/shared/envelope';
import type { HubEventBody } from '../../../src/shared/protocol';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { envelope } from '../../support/hub';

export const QUEUES = ['support', 'billing', 'returns'] as const;
export const AGENTS = [
  { id: 'u_alex', name: 'Alex Agent' },
  { id: 'u_sam', name: 'Sam Agent' },
  { id: 'u_kim', name: 'Kim Agent' },
];
export const INTENTS = ['refund_request', 'delivery_status', ''];
export const CHANNELS = ['web', 'whatsapp'] as const;
/** Journeys start within these hours of one day; periods are cut across them. */
export const DAY_START = Date.parse('2026-11-20T08:00:00.000Z');
export const DAY_MINUTES = 8 * 60;

const STEP_KINDS = [
  'offered', 'declined', 'expired', 'withdrawn', 'waiting', 'assigned', 'transfer-to-queue', 'transfer-to-agent',
  'transfer-assigned', 'repeat-ask', 'repeat-ask-unowned', 'resolved', 'abandoned', 'rated', 'legacy-declined',
  'legacy-timeout', 'legacy-resolved', 'legacy-abandoned', 'legacy-other', 'handed-off-again',
] as const;

const step = fc.record({
  kind: fc.constantFrom(...STEP_KINDS),
  agent: fc.constantFrom(...AGENTS),
  queue: fc.constantFrom(...QUEUES),
  // Mostly forward in time, sometimes a step logged with an earlier clock.
  gapMs: fc.integer({ min: -60_000, max: 1_800_000 }),
  rating: fc.integer({ min: 1, max: 5 }),
});

const journey = fc.record({
  startMinute: fc.integer({ min: 0, max: DAY_MINUTES }),
  queue: fc.constantFrom(...QUEUES),
  reason: fc.constantFrom<ReasonKind>('customer_requested', 'bot_failure', 'planned_escalation', 'unknown'),
  isDirectPlatform: fc.boolean(),
  hasBotTurn: fc.boolean(),
  intent: fc.constantFrom(...INTENTS),
  channel: fc.constantFrom(...CHANNELS),
  steps: fc.array(step, { maxLength: 12 }),
});

export type Journey = typeof journey extends fc.Arbitrary<infer T> ? T : never;

/** Journeys plus the order in which their events interleave in the log. */
export const journeysArbitrary = fc.record({
  journeys: fc.array(journey, { minLength: 1, maxLength: 12 }),
  interleaving: fc.array(fc.nat(), { maxLength: 200 }),
});

export type JourneysInput = typeof journeysArbitrary extends fc.Arbitrary<infer T> ? T : never;

const iso = (ms: number) => new Date(ms).toISOString();

/** One journey's events in its own order, each with the queue it is logged under. */
function eventsOf(id: string, script: Journey): { at: string; queue: string; body: HubEventBody }[] {
  let ms = DAY_START + script.startMinute * 60_000;
  let queue: string = script.queue;
  const owner = (kind: Owner['kind'], ownerId: string, name: string, why = ''): Owner => ({ kind, id: ownerId, name, since: iso(ms), why });
  const view: ConversationView = {
    id, state: 'queued', queue, owner: owner('queue', queue, queue), offer: null, createdAt: iso(ms), updatedAt: iso(ms), messages: [],
    envelope: envelope({
      id: `bot:${id}`,
      source: { platform: script.isDirectPlatform ? 'direct' : 'generic', bot: 'b', conversationId: id },
      reason: { kind: script.reason },
      issue: { title: 'A question', intent: script.intent },
      routing: { queue, channel: script.channel },
      transcript: [{ id: 't1', at: iso(ms - 60_000), author: script.hasBotTurn ? 'bot' : 'customer', text: 'Hello' }],
    }),
  };
  const out: { at: string; queue: string; body: HubEventBody }[] = [];
  const add = (body: HubEventBody) => out.push({ at: iso(ms), queue, body });
  add({ type: 'conversation:queued', conversation: view });
  for (const each of script.steps) {
    ms += each.gapMs;
    const agent = each.agent;
    const legacy = (state: 'queued' | 'resolved' | 'abandoned' | 'assigned', why: string) =>
      add({ type: 'conversation:state-changed', state, owner: owner('queue', queue, queue, why), offer: null });
    const transfer = (state: 'queued' | 'transferred' | 'assigned') => {
      const to = each.kind === 'transfer-to-queue' ? { kind: 'queue' as const, id: each.queue, name: each.queue } : { kind: 'agent' as const, id: agent.id, name: agent.name };
      if (to.kind === 'queue') queue = to.id;
      const moved = { from: agent, to, note: 'n', at: iso(ms) };
      add({ type: 'conversation:transferred', conversation: { ...view, queue, state, transfer: moved }, transfer: moved });
    };
    switch (each.kind) {
      case 'offered': {
        const offer = { agentId: agent.id, offeredAt: iso(ms), expiresAt: null };
        add({ type: 'conversation:offered', conversation: { ...view, state: 'offered', offer }, offer });
        break;
      }
      case 'declined': case 'expired': case 'withdrawn':
        add({ type: 'offer:ended', agentId: agent.id, outcome: each.kind, reason: each.kind === 'declined' ? 'busy' : null });
        break;
      case 'waiting':
        add({ type: 'routing:waiting', reason: `no agent in ${each.queue}` });
        break;
      case 'assigned':
        add({ type: 'conversation:assigned', conversation: { ...view, state: 'assigned', owner: owner('agent', agent.id, agent.name) } });
        break;
      case 'transfer-to-queue': transfer('queued'); break;
      case 'transfer-to-agent': transfer('transferred'); break;
      case 'transfer-assigned': transfer('assigned'); break;
      case 'repeat-ask': case 'repeat-ask-unowned':
        add({ type: 'repeat-ask:recorded', kind: 'agent_asked', fieldKey: 'order_id', messageId: 'm', agentId: each.kind === 'repeat-ask' ? agent.id : null });
        break;
      case 'resolved':
        add({ type: 'conversation:resolved', owner: owner('agent', agent.id, agent.name), disposition: each.rating > 3 ? 'solved' : 'not_solved', by: agent });
        break;
      case 'abandoned':
        add({ type: 'conversation:abandoned', owner: owner('queue', queue, queue), waitedMs: 1000 });
        break;
      case 'rated': add({ type: 'rating:recorded', rating: each.rating }); break;
      case 'legacy-declined': legacy('queued', `declined by ${agent.name}: busy`); break;
      case 'legacy-timeout': legacy('queued', 'the offer timed out'); break;
      case 'legacy-resolved': legacy('resolved', 'resolved'); break;
      case 'legacy-abandoned': legacy('abandoned', 'left'); break;
      case 'legacy-other': legacy('assigned', 'accepted'); break;
      case 'handed-off-again': add({ type: 'conversation:queued', conversation: { ...view, queue } }); break;
    }
  }
  return out;
}

/** Writes the journeys through the hub's event log, interleaved as the tape says. */
export async function writeJourneys(db: HubDatabase, input: JourneysInput): Promise<void> {
  const log = createEventLog(db);
  const pending = input.journeys.map((script, index) => ({ id: `R${index}`, events: eventsOf(`R${index}`, script) }));
  const tape = [...input.interleaving];
  await db.write(async () => {
    while (pending.some((each) => each.events.length > 0)) {
      const open = pending.filter((each) => each.events.length > 0);
      const next = open[(tape.shift() ?? 0) % open.length]!;
      const event = next.events.shift()!;
      await log.append({ conversationId: next.id, queue: event.queue, at: event.at, body: event.body, audience: [] });
    }
  });
}
