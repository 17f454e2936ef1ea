import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLOOR_AGENTS, paceFor, startDemoFloor, type FloorPace } from '../../../src/hub/demo/floor';
import { generateHandoff } from '../../../src/hub/demo/handoff-generator';
import { addDemoPeople } from '../../../src/hub/demo/seed';
import { startDemoShift } from '../../../src/hub/demo/shift';
import type { RunningHub } from '../../../src/hub/server';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../../support/hub';

const QUICK: FloorPace = { accept: [50, 150], reply: [50, 100], resolve: [300, 600] };
const SIMULATED = new Set(FLOOR_AGENTS.map((agent) => agent.id));

let running: RunningHub | null = null;
let floor: { stop(): Promise<void> } | null = null;
afterEach(async () => {
  await floor?.stop();
  await running?.close();
  floor = null;
  running = null;
});

/** Generated demo handoffs of one department (the generator picks one at random). */
function demoHandoffOf(department: string): HandoffEnvelope {
  for (let tries = 0; tries < 500; tries += 1) {
    const handoff = generateHandoff();
    if (handoff.issue?.department === department) return handoff;
  }
  throw new Error(`the generator made no ${department} handoff`);
}

async function demoFloor() {
  running = await listeningHub();
  await addDemoPeople(running.hub.administration, FLOOR_AGENTS);
  const supervisor = await openStream(running.url, await signIn(running.url, 'supervisor@demo'));
  await supervisor.waitFor(() => supervisor.messages.find((message) => message.type === 'welcome'));
  return { url: running.url, supervisor };
}

describe('the demo floor', () => {
  it('moves the queues: simulated agents accept demo handoffs, answer the customer and resolve them', async () => {
    const { url, supervisor } = await demoFloor();
    const started = startDemoFloor({ hubUrl: url, pace: QUICK });
    floor = started;
    await started.ready;

    const departments = ['delivery', 'account', 'fraud', 'returns', 'billing'];
    const ids: string[] = [];
    for (const department of departments) ids.push((await postHandoff(url, demoHandoffOf(department))).json.conversationId!);

    await vi.waitFor(() => {
      const resolved = supervisor.events().filter((event) => event.type === 'conversation:resolved' && ids.includes(event.conversationId));
      expect(resolved).toHaveLength(ids.length);
    }, { timeout: 40_000, interval: 100 });
    for (const id of ids) {
      const events = supervisor.events().filter((event) => event.conversationId === id);
      const assigned = events.find((event) => event.type === 'conversation:assigned');
      expect(assigned?.type === 'conversation:assigned' && SIMULATED.has(assigned.conversation.owner.id)).toBe(true);
      const replies = events.filter((event) => event.type === 'message:added' && event.message.author === 'agent');
      expect(replies.length).toBeGreaterThanOrEqual(1);
    }
    // The supervisor's queue list holds none of them any more.
    const live = await fetch(`${url}/v1/conversations`, { headers: { authorization: `Bearer ${await signIn(url, 'supervisor@demo')}` } });
    const { conversations } = (await live.json()) as { conversations: { id: string }[] };
    expect(conversations.filter((conversation) => ids.includes(conversation.id))).toEqual([]);
    supervisor.close();
  }, 60_000);

  it('leaves a handoff that is not demo traffic (a tester’s own chat) to the person at agent@demo', async () => {
    const { url, supervisor } = await demoFloor();
    const started = startDemoFloor({ hubUrl: url, pace: QUICK });
    floor = started;
    await started.ready;
    const person = await openStream(url, await signIn(url, 'agent@demo'));

    const { conversationId } = (await postHandoff(url, envelope({ routing: { queue: 'support' } }))).json;

    const offeredToPerson = await person.waitFor(
      () => person.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId && event.offer.agentId === 'u_agent'),
      15_000,
    );
    expect(offeredToPerson).toBeDefined();
    const assignedToSimulated = supervisor.events().some((event) => event.type === 'conversation:assigned' && event.conversationId === conversationId);
    expect(assignedToSimulated).toBe(false);
    person.close();
    supervisor.close();
  });

  it('still offers the person at agent@demo generated traffic of their skills when they have been idle longest', async () => {
    running = await listeningHub();
    await addDemoPeople(running.hub.administration, FLOOR_AGENTS);
    const person = await openStream(running.url, await signIn(running.url, 'agent@demo'));
    await person.waitFor(() => person.messages.find((message) => message.type === 'welcome'));
    const started = startDemoFloor({ hubUrl: running.url, pace: QUICK });
    floor = started;
    await started.ready;

    const { conversationId } = (await postHandoff(running.url, demoHandoffOf('returns'))).json;

    await person.waitFor(() => person.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId && event.offer.agentId === 'u_agent'));
    person.close();
  });

  it('runs a whole shift: bots hand off, colleagues answer, and every reply reaches the bot', async () => {
    const { supervisor } = await demoFloor();
    const shift = await startDemoShift(running!, { perMinute: 120, pace: QUICK });
    floor = shift;

    await vi.waitFor(() => {
      const resolved = supervisor.events().filter((event) => event.type === 'conversation:resolved');
      expect(resolved.length).toBeGreaterThanOrEqual(3);
    }, { timeout: 40_000, interval: 100 });
    const deliveries = supervisor.events().flatMap((event) => (event.type === 'message:delivery-changed' ? [event.delivery.state] : []));
    expect(deliveries).toContain('delivered');
    expect(deliveries).not.toContain('failed');
    expect(shift.bots!.received()).toBeGreaterThan(0);
    supervisor.close();
  }, 60_000);

  it('wraps chats up faster as demo traffic rises, so the simulated seats stay about half busy', () => {
    const seats = FLOOR_AGENTS.reduce((sum, agent) => sum + (agent.capacity ?? 0), 0);
    const mean = ([shortest, longest]: [number, number]) => (shortest + longest) / 2;
    for (const perMinute of [2, 4, 6]) {
      const pace = paceFor(perMinute);
      const busySeats = (perMinute * (mean(pace.accept) + mean(pace.resolve))) / 60_000;
      expect(busySeats).toBeLessThanOrEqual(seats * 0.6);
    }
  });
});
