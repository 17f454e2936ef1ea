import { startFloor } from '../../scripts/replicas/floor';
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD, DEMO_QUEUE } from '../../src/hub/demo/seed';
import { handoffEnvelope } from '../lib/envelopes';
import { measured, type FigureReport } from '../lib/figure';
import { connectFloorAgent } from '../lib/floor-agent';
import { createPoster } from '../lib/http-post';
import { summarize } from '../lib/percentiles';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';

export interface ReplicaOfferOptions {
  /** Handoffs timed per side (same replica, other replica), alternating. */
  handoffs: number;
  /** How long one handoff may take to reach the agent before it counts as not offered. */
  offerTimeoutMs: number;
}

/** The demo's Alex Agent (capacity 3) is the only one online and has this skill; envelopes ask for it. */
const AGENT_EMAIL = 'agent@demo';
const SKILL = 'billing';

/**
 * Handoff → offer across replicas: two hub processes on one PostgreSQL (scripts/replicas/floor.ts,
 * demo seed, no offer timeout), the agent's stream (the desktop's own stream client) on replica 1.
 * Handoffs go, one at a time, alternately to replica 1 (the agent's) and to replica 2 (another),
 * straight to each replica's port so the balancer does not pick. Each latency is from the POST
 * leaving this process to the offer frame arriving on the agent's stream; the agent then accepts and
 * resolves over HTTP (untimed) so that capacity never runs out. Same-replica is the baseline.
 */
export async function benchReplicaOffer(options: ReplicaOfferOptions): Promise<FigureReport> {
  const random = createRandom(17);
  const sentences = createSentences(random);
  const envelope = (id: string) => {
    const body = handoffEnvelope(random, sentences, id, 20, DEMO_QUEUE);
    return JSON.stringify({ ...body, routing: { ...body.routing, skills: [SKILL] } });
  };
  const floor = await startFloor({ replicas: 2, hubArgs: ['--demo', '--offer-timeout', '0'] });
  const [home, other] = floor.replicas;
  if (!home || !other) throw new Error('the floor started fewer than two replicas');
  const agent = await connectFloorAgent(home.url, AGENT_EMAIL, DEMO_PASSWORD);
  const posters = { same: createPoster(home.url, DEMO_INTEGRATION_TOKEN), other: createPoster(other.url, DEMO_INTEGRATION_TOKEN) };
  const actAs = createPoster(home.url, agent.token);
  const latencies = { same: [] as number[], other: [] as number[] };
  const missed = { same: 0, other: 0 };
  const failedPosts: string[] = [];
  const handled = new Set<string>();
  try {
    const timeOne = async (side: 'same' | 'other', index: number) => {
      const started = performance.now();
      const answer = await posters[side].post('/v1/handoffs', envelope(`replica-offer-${side}-${index}`));
      if (answer.status !== 201) {
        failedPosts.push(`${side} ${answer.status}`);
        return;
      }
      const id = (JSON.parse(answer.text) as { conversationId: string }).conversationId;
      const offered = await agent.offerOf(id, index === -1 ? 20_000 : options.offerTimeoutMs);
      if (offered) latencies[side].push(offered.at - started);
      else missed[side] += 1;
      // Whatever reached the agent (a handoff that waited is offered with a later one) is accepted
      // and resolved, untimed, so capacity never runs out.
      for (const offeredId of agent.offeredIds()) {
        if (handled.has(offeredId)) continue;
        handled.add(offeredId);
        await actAs.post(`/v1/conversations/${offeredId}/accept`, '{}');
        await actAs.post(`/v1/conversations/${offeredId}/resolve`, JSON.stringify({ disposition: 'solved' }));
      }
    };
    // Warm-up: each replica's first handoffs load its statements and its enrichment worker.
    for (let i = 0; i < 3; i += 1) {
      await timeOne('same', -1 - i);
      await timeOne('other', -1 - i);
    }
    latencies.same.length = 0;
    latencies.other.length = 0;
    const warmMissed = { ...missed };
    missed.same = 0;
    missed.other = 0;
    // Once nothing from the other replica is offered, the rest of the run would only time out.
    for (let i = 0; i < options.handoffs && !(warmMissed.other >= 3 && missed.other >= 3); i += 1) {
      await timeOne('same', i);
      await timeOne('other', i);
    }
  } finally {
    agent.stop();
    posters.same.close();
    posters.other.close();
    actAs.close();
    await floor.stop();
  }

  const same = summarize(latencies.same);
  const across = summarize(latencies.other);
  const describe = (label: string, values: number[], stats: ReturnType<typeof summarize>, notOffered: number) =>
    values.length === 0
      ? `${label}: none offered (${notOffered} not offered within ${options.offerTimeoutMs / 1000} s)`
      : `${label}: ${values.length} offered, p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms; ${notOffered} not offered within ${options.offerTimeoutMs / 1000} s`;
  return {
    figure: measured(
      'handoff → offer, agent on another replica',
      'ms (p99)',
      latencies.other.length === 0 ? Number.NaN : across.p99,
      latencies.same.length === 0 ? null : same.p99,
      { op: '<=', value: 2 },
      missed.other === 0 && missed.same === 0 && failedPosts.length === 0,
    ),
    details: [
      `2 replicas on one private PostgreSQL (fsync on), demo seed, ${AGENT_EMAIL} streaming on replica 1 with the desktop's stream client; handoffs one at a time, alternating, straight to each replica; POST sent → offer frame received`,
      describe('handoff to replica 1, the agent\'s (baseline)', latencies.same, same, missed.same),
      describe('handoff to replica 2, another', latencies.other, across, missed.other),
      ...(failedPosts.length === 0 ? [] : [`handoffs refused: ${failedPosts.slice(0, 5).join(', ')}${failedPosts.length > 5 ? ` … (${failedPosts.length})` : ''}`]),
    ],
  };
}
