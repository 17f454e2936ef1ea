import { afterEach, describe, expect, it } from 'vitest';
import type { HubEvent, ServerMessage } from '../../../src/shared/protocol';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const seqsOf = (events: HubEvent[]) => events.map((event) => event.seq);
/** Handoffs written before the clients say hello, and while they do. */
const BEFORE = 5;
const DURING = 25;

describe('a client that resumes while events keep coming', () => {
  it('gets every event of its queues once and in seq order, when its catch-up read overlaps a burst of handoffs', async () => {
    running = await listeningHub();
    const url = running.url;
    const token = await signIn(url, 'supervisor@demo');
    // Something to catch up on before the burst starts.
    for (let index = 0; index < BEFORE; index += 1) await postHandoff(url, envelope());

    // Clients say hello while handoffs are being written: their catch-up reads and the live
    // publications overlap.
    const burst = Promise.all(Array.from({ length: DURING }, () => postHandoff(url, envelope())));
    const streams = await Promise.all(Array.from({ length: 3 }, () => openStream(url, token, 0)));
    const answers = await burst;
    expect(answers.every((answer) => answer.status === 201)).toBe(true);

    // A sentinel written after the burst: once a stream has it, everything before it has been sent.
    const sentinel = (await postHandoff(url, envelope())).json.conversationId!;
    const cutoffs: number[] = [];
    for (const stream of streams) {
      const queued = await stream.waitFor(() => stream.events().find((event) => event.type === 'conversation:queued' && event.conversationId === sentinel));
      cutoffs.push(queued.seq);
    }
    const cutoff = cutoffs[0]!;
    expect(cutoffs.every((seq) => seq === cutoff)).toBe(true);

    const welcome = streams[0]!.messages.find((message): message is Extract<ServerMessage, { type: 'welcome' }> => message.type === 'welcome')!;
    const logged = seqsOf(await running.hub.context.events.forQueues([...welcome.user.queues], 0, 10_000)).filter((seq) => seq <= cutoff);
    // Each handoff logs at least its queued and waiting events; the sentinel's queued one closes the range.
    expect(logged.length).toBeGreaterThanOrEqual((BEFORE + DURING + 1) * 2 - 1);
    for (const stream of streams) {
      const seen = seqsOf(stream.events());
      // Every logged seq of the supervisor's queues up to the sentinel, none twice, none out of order.
      expect(seen.filter((seq) => seq <= cutoff)).toEqual(logged);
      expect(seen.every((seq, index) => index === 0 || seq > seen[index - 1]!)).toBe(true);
      stream.close();
    }
  }, 60_000);
});
