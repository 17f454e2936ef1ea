import { startFloor } from '../../scripts/replicas/floor';
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD, DEMO_QUEUE } from '../../src/hub/demo/seed';
import type { HubEvent } from '../../src/shared/protocol';
import { handoffEnvelope } from '../lib/envelopes';
import { measured, type FigureReport } from '../lib/figure';
import { connectFloorAgent, type FloorAgent } from '../lib/floor-agent';
import { createPoster } from '../lib/http-post';
import { percentile } from '../lib/percentiles';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';

export interface FailoverOptions {
  /** Floors started, each with one replica killed. */
  rounds: number;
  /** The hubs' --offer-timeout, in seconds. */
  offerTimeoutS: number;
}

interface Round {
  /** Streams through the balancer that the kill dropped, and for each how long after the kill it was welcomed again. */
  dropped: number;
  streams: number;
  backMs: number[];
  notBack: number;
  /** The offer made by the killed replica: when it ended and when it was offered again, in ms after its deadline (hub clock). */
  endedLateMs: number | null;
  reofferedLateMs: number | null;
  outcome: string;
}

const PEOPLE = ['agent@demo', 'agent2@demo', 'agent3@demo', 'supervisor@demo', 'supervisor@demo', 'agent@demo'];
/** Alex and Kofi have it, Sam does not: an offer expired for one can move to the other. */
const SKILL = 'billing';
const waitMs = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A replica's death (SIGKILL) on a floor of three behind HAProxy (scripts/replicas/floor.ts, demo
 * seed). Six desktop streams (the app's own stream client and backoff) connect through the balancer;
 * Alex also streams straight to replica 1, and a handoff posted to replica 1 is offered there. Once
 * the offer is out, replica 1 is killed: the figure is how long the streams it carried take to be
 * welcomed again through the balancer (from the kill), and how long after the offer's deadline the
 * offer ends and the conversation is offered to the next agent (from the events' own times).
 */
export async function benchReplicaFailover(options: FailoverOptions): Promise<FigureReport> {
  const random = createRandom(23);
  const sentences = createSentences(random);
  const rounds: Round[] = [];
  for (let round = 0; round < options.rounds; round += 1) rounds.push(await oneRound(round));

  async function oneRound(round: number): Promise<Round> {
    const floor = await startFloor({ replicas: 3, hubArgs: ['--demo', '--offer-timeout', String(options.offerTimeoutS)] });
    const streams: FloorAgent[] = [];
    const [victim] = floor.replicas;
    if (!victim) throw new Error('the floor started no replica');
    const poster = createPoster(victim.url, DEMO_INTEGRATION_TOKEN);
    try {
      for (const email of PEOPLE) streams.push(await connectFloorAgent(floor.url, email, DEMO_PASSWORD));
      const direct = await connectFloorAgent(victim.url, 'agent@demo', DEMO_PASSWORD);
      const watchers = streams.filter((stream) => stream.email === 'supervisor@demo');
      const body = handoffEnvelope(random, sentences, `failover-${round}`, 20, DEMO_QUEUE);
      const answer = await poster.post('/v1/handoffs', JSON.stringify({ ...body, routing: { ...body.routing, skills: [SKILL] } }));
      if (answer.status !== 201) throw new Error(`the handoff to replica 1 was refused: ${answer.status} ${answer.text}`);
      const id = (JSON.parse(answer.text) as { conversationId: string }).conversationId;
      const seenBy = async (match: (event: HubEvent) => boolean, ms: number) => {
        const found = await Promise.all(watchers.map((watcher) => watcher.eventMatching(match, ms)));
        return found.find((entry) => entry !== null)?.event ?? null;
      };
      const first = await seenBy((event) => event.type === 'conversation:offered' && event.conversationId === id, 10_000);
      if (!first || first.type !== 'conversation:offered') throw new Error('replica 1 offered the handoff to nobody within 10 s');
      const deadline = Date.parse(first.offer.expiresAt ?? '');

      const killedAt = performance.now();
      await victim.kill();
      direct.stop();
      const limitMs = (options.offerTimeoutS + 20) * 1000;
      // The kill's drops come within a moment (the sockets close); a stream on another replica never drops.
      await waitMs(500);
      const dropped = streams.filter((stream) => stream.drops.some((at) => at >= killedAt));
      const back = await Promise.all(dropped.map((stream) => stream.nextWelcome(killedAt, limitMs)));
      const ended = await seenBy((event) => event.type === 'offer:ended' && event.conversationId === id, limitMs);
      const again = await seenBy((event) => event.type === 'conversation:offered' && event.conversationId === id && event.seq > first.seq, Math.max(1000, limitMs - (performance.now() - killedAt)));
      const late = (event: HubEvent | null) => (event ? Date.parse(event.at) - deadline : null);
      return {
        dropped: dropped.length,
        streams: streams.length,
        backMs: back.flatMap((at) => (at === null ? [] : [at - killedAt])),
        notBack: back.filter((at) => at === null).length,
        endedLateMs: late(ended),
        reofferedLateMs: late(again),
        outcome: ended?.type === 'offer:ended' ? ended.outcome : 'not ended',
      };
    } finally {
      for (const stream of streams) stream.stop();
      poster.close();
      await floor.stop();
    }
  }

  const back = rounds.flatMap((round) => round.backMs);
  const notBack = rounds.reduce((sum, round) => sum + round.notBack, 0);
  const moved = rounds.flatMap((round) => (round.reofferedLateMs === null ? [] : [round.reofferedLateMs]));
  const worstBack = back.length === 0 ? Number.NaN : Math.max(...back);
  const ms = (value: number | null) => (value === null ? 'never' : `${value.toFixed(0)} ms`);
  return {
    figure: measured('failover: agents back, offers moved on', 'ms (worst)', Math.max(worstBack, ...moved), options.offerTimeoutS * 1000, { op: '<', value: 1 }, notBack === 0 && moved.length === rounds.length),
    details: [
      `${rounds.length} floor${rounds.length === 1 ? '' : 's'} of 3 replicas behind HAProxy (demo seed, --offer-timeout ${options.offerTimeoutS}); replica 1 (started first, so it takes the led jobs, the offer sweep among them) SIGKILLed right after it offered a handoff; baseline: the offer timeout itself`,
      ...rounds.map(
        (round, index) =>
          `round ${index + 1}: ${round.dropped} of ${round.streams} balancer streams dropped, welcomed again after ${round.backMs.map((value) => value.toFixed(0)).join(' / ') || '-'} ms${round.notBack === 0 ? '' : ` (${round.notBack} not back)`}; offer ${round.outcome} ${ms(round.endedLateMs)} after its deadline, offered again ${ms(round.reofferedLateMs)} after it`,
      ),
      back.length === 0 ? 'no stream was on the killed replica' : `streams back: p50 ${percentile(back, 50).toFixed(0)} ms, worst ${worstBack.toFixed(0)} ms after the kill (the desktop's first retry waits 0.375-0.625 s)`,
    ],
  };
}
