import { describe, expect, it } from 'vitest';
import { emptyBoard, type WallboardSnapshot } from '../../../src/shared/wallboard';
import { createBoardStore } from '../../../src/renderer/wallboard/board-store';
import { backoffMs, createBoardLink, type BoardSocket } from '../../../src/renderer/wallboard/connection';

function fakeSocket() {
  const sent: string[] = [];
  const socket: BoardSocket = { send: (text) => void sent.push(text), close: () => socket.onclose?.({ code: 1006 }), onopen: null, onmessage: null, onclose: null, onerror: null };
  return { socket, sent, receive: (message: unknown) => socket.onmessage?.({ data: JSON.stringify(message) }) };
}

function harness() {
  let now = Date.parse('2026-11-20T14:02:00Z');
  const timers: { run: () => void; ms: number }[] = [];
  const sockets: ReturnType<typeof fakeSocket>[] = [];
  let snapshots = 0;
  const board = createBoardStore({ now: () => now });
  const link = createBoardLink(
    {
      token: 'wall',
      now: () => now,
      startOfDay: () => Date.parse('2026-11-20T00:00:00Z'),
      setTimeout: (run, ms) => timers.push({ run, ms }),
      clearTimeout: () => undefined,
      openSocket: () => {
        const made = fakeSocket();
        sockets.push(made);
        return made.socket;
      },
      fetchSnapshot: async () => {
        snapshots += 1;
        const snapshot: WallboardSnapshot = { v: 1, at: new Date(now).toISOString(), board: { ...emptyBoard(0), seq: 10 } };
        return snapshot;
      },
    },
    board.sink,
  );
  return { board, link, timers, sockets, snapshots: () => snapshots, advance: (ms: number) => (now += ms) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('wallboard link', () => {
  it('resumes the stream from the seq it had when the hub dropped, and says it is stale meanwhile', async () => {
    const h = harness();
    h.link.start();
    await settle();
    h.sockets[0]!.socket.onopen?.();
    expect(JSON.parse(h.sockets[0]!.sent[0]!)).toEqual({ type: 'hello', v: 1, token: 'wall', lastSeq: 10 });
    h.sockets[0]!.receive({ type: 'welcome', v: 1, user: {}, seq: 10 });
    expect(h.board.store.getState().status.kind).toBe('live');

    h.sockets[0]!.socket.close();
    const status = h.board.store.getState().status;
    expect(status.kind).toBe('reconnecting');
    h.timers.at(-1)!.run();
    await settle();
    h.sockets[1]!.socket.onopen?.();
    expect(JSON.parse(h.sockets[1]!.sent[0]!).lastSeq).toBe(10);
    expect(h.snapshots()).toBe(1);
  });

  it('reads a fresh snapshot when the hub says the board is too far behind to replay', async () => {
    const h = harness();
    h.link.start();
    await settle();
    h.sockets[0]!.receive({ type: 'resync-required', v: 1, reason: 'too far behind' });
    h.timers.at(-1)!.run();
    await settle();
    expect(h.snapshots()).toBe(2);
  });

  it('backs off longer after each failed attempt, up to a cap', () => {
    expect(backoffMs(0, 0.5)).toBe(500);
    expect(backoffMs(3, 0.5)).toBe(4000);
    expect(backoffMs(20, 0.5)).toBe(15_000);
  });
});
