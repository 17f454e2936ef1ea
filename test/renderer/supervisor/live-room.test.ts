import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/renderer/features/inbox/inbox-store';
import { queueStats } from '../../../src/renderer/features/supervisor/console-selectors';
import { createLiveRoom } from '../../../src/renderer/features/supervisor/live-room';
import { rankByRisk } from '../../../src/renderer/features/supervisor/risk';
import { createSupervisorStore } from '../../../src/renderer/features/supervisor/supervisor-store';
import { ok } from '../../../src/shared/result';
import { createFakeApi, flush, listItem } from '../fake-api';
import { itemFor, ID_POOL, NOW } from './room-arbitraries';

/** A console over the real inbox and supervisor stores, with frames that come only when the test says. */
function setUp() {
  const fake = createFakeApi();
  const inbox = createInboxStore(fake.api);
  const supervisor = createSupervisorStore(fake.api);
  const frames: Array<() => void> = [];
  const room = createLiveRoom({
    inbox,
    supervisor,
    now: () => NOW,
    schedule: (run) => {
      frames.push(run);
      return () => frames.splice(frames.indexOf(run), 1);
    },
  });
  let published = 0;
  room.subscribe(() => (published += 1));
  const nextFrame = () => frames.splice(0).forEach((run) => run());
  const fromScratch = () => {
    const { ids, byId } = inbox.getState();
    const items = ids.flatMap((id) => (byId[id] ? [byId[id]] : []));
    const { agents, answeredAt } = supervisor.getState();
    return { queues: queueStats(items, agents, answeredAt, NOW), radar: rankByRisk(items, NOW) };
  };
  return { fake, inbox, room, nextFrame, fromScratch, published: () => published, pendingFrames: () => frames.length };
}

describe('the live room', () => {
  it('draws a burst of events in the next frame, once, with the figures counted from scratch', () => {
    const { fake, room, nextFrame, fromScratch, published, pendingFrames } = setUp();
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'queued', queue: 'support', createdAt: new Date(NOW).toISOString() }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c2', state: 'assigned', queue: 'support', sentimentScore: -0.8 }) });
    fake.emit({ type: 'agents:changed', agents: [{ id: 'a', name: 'Alex', presence: 'available', since: '2026-11-20T10:00:00Z', queues: ['support'], skills: [], languages: [], capacity: 2, load: 1, openFlags: 0 }] });
    expect(pendingFrames()).toBe(1);
    expect(room.get().radar).toEqual([]);

    nextFrame();
    expect(published()).toBe(1);
    expect(room.get()).toEqual(fromScratch());
    expect(room.get().radar.map((row) => row.item.id)).toEqual(['c2', 'c1']);
    expect(room.get().queues[0]).toMatchObject({ queue: 'support', waiting: 1, available: 1 });
  });

  it('matches the figures counted from scratch over random events, frames and list reloads', async () => {
    type Step = { kind: 'event'; item: ReturnType<typeof listItem> } | { kind: 'frame' } | { kind: 'reload' };
    const step = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ID_POOL).chain(itemFor).map((item): Step => ({ kind: 'event', item })) },
      { weight: 2, arbitrary: fc.constant<Step>({ kind: 'frame' }) },
      { weight: 1, arbitrary: fc.constant<Step>({ kind: 'reload' }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const { fake, inbox, room, nextFrame, fromScratch } = setUp();
        for (const next of steps) {
          if (next.kind === 'event') fake.emit({ type: 'conversation:changed', item: next.item });
          else if (next.kind === 'frame') nextFrame();
          else {
            // The core's list comes back in its own order: the room must follow it, not its own.
            const items = Object.values(inbox.getState().byId).reverse();
            fake.answer('conversations:list', () => ok(items));
            await inbox.getState().load();
          }
        }
        nextFrame();
        expect(room.get()).toEqual(fromScratch());
        room.dispose();
      }),
      { numRuns: 60 },
    );
  });

  it('follows a reload that changed conversations no event told it about, in the same order', async () => {
    const { fake, inbox, room, nextFrame, fromScratch } = setUp();
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'queued', queue: 'support' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c2', state: 'queued', queue: 'support' }) });
    nextFrame();
    // Missed while the bridge was down: c1 was answered; the reload lists the same ids in the same order.
    fake.answer('conversations:list', () => ok([listItem({ id: 'c1', state: 'resolved', queue: 'support' }), listItem({ id: 'c2', state: 'queued', queue: 'support' })]));
    await inbox.getState().load();
    nextFrame();
    expect(room.get()).toEqual(fromScratch());
    expect(room.get().queues[0]?.waiting).toBe(1);
  });

  it('stops following the stores once disposed', async () => {
    const { fake, room, pendingFrames } = setUp();
    room.dispose();
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'queued' }) });
    await flush();
    expect(pendingFrames()).toBe(0);
  });
});
