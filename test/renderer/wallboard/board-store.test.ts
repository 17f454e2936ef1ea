import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { emptyBoard } from '../../../src/shared/wallboard';
import { createBoardStore } from '../../../src/renderer/wallboard/board-store';

const DAY = Date.parse('2026-11-20T00:00:00Z');

const queued = (seq: number): HubEvent => ({
  type: 'conversation:queued',
  conversation: {
    id: `c${seq}`,
    state: 'queued',
    queue: 'support',
    owner: { kind: 'queue', id: 'support', name: '', since: new Date(DAY + 3600_000).toISOString(), why: '' },
    offer: null,
    createdAt: new Date(DAY + 3600_000).toISOString(),
    updatedAt: new Date(DAY + 3600_000).toISOString(),
    envelope: { v: 1, id: `c${seq}`, customer: { name: '' }, transcript: [], reason: { kind: 'bot_failure' } },
    messages: [],
  },
  seq,
  at: new Date(DAY + 3600_000 + seq).toISOString(),
  conversationId: `c${seq}`,
});

describe('wallboard board store', () => {
  it('folds each stream message as it arrives but re-renders once per frame for a burst of them', () => {
    const frames: (() => void)[] = [];
    const board = createBoardStore({ now: () => DAY + 3600_000, startOfDay: () => DAY, scheduleRender: (render) => void frames.push(render) });
    let renders = 0;
    board.store.subscribe(() => void (renders += 1));
    for (let seq = 1; seq <= 100; seq += 1) board.sink.events([queued(seq)]);
    board.sink.agents([]);
    // Nothing is held back: the board already counts all 100; only the render waits for the frame.
    expect(board.store.getState().board.today.handoffs).toBe(100);
    expect(board.sink.lastSeq()).toBe(100);
    expect(renders).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(renders).toBe(1);
    expect(board.store.getState().version).toBe(1);
    board.sink.events([queued(101)]);
    expect(frames).toHaveLength(1);
  });

  it('renders at once when no frame scheduler is given, as the tests and the snapshot path expect', () => {
    const board = createBoardStore({ now: () => DAY + 3600_000, startOfDay: () => DAY });
    board.sink.events([queued(1)]);
    expect(board.store.getState().version).toBe(1);
  });

  it('shows new presence with the next frame on a new board and keeps it across a snapshot that has none', () => {
    const frames: (() => void)[] = [];
    const board = createBoardStore({ now: () => DAY + 3600_000, startOfDay: () => DAY, scheduleRender: (render) => void frames.push(render) });
    const before = board.store.getState().board;
    const ana: AgentStatus = {
      id: 'a1', name: 'Ana', presence: 'away', presenceReason: 'Lunch', since: new Date(DAY).toISOString(),
      queues: ['support'], skills: [], languages: [], capacity: 3, load: 0, openFlags: 0,
    };
    board.sink.agents([ana]);
    expect(board.store.getState().board.agents).toEqual([]);
    frames.shift()!();
    const after = board.store.getState().board;
    expect(after).not.toBe(before);
    expect(after.agents.map((agent) => agent.name)).toEqual(['Ana']);
    const fromHub = emptyBoard(DAY);
    board.sink.snapshot({ v: 1, at: new Date(DAY + 3600_000).toISOString(), board: fromHub });
    expect(board.store.getState().board.agents.map((agent) => agent.presenceReason)).toEqual(['Lunch']);
    expect(fromHub.agents).toEqual([]);
  });
});
