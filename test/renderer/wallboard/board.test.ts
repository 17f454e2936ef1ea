import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { emptyBoard, medianAcceptMs } from '../../../src/shared/wallboard';
import { applyEvents } from '../../../src/shared/wallboard-fold';
import { handoffKpis, queueRows } from '../../../src/renderer/wallboard/selectors';

const DAY = Date.parse('2026-11-20T00:00:00Z');
const startOfDay = (ms: number) => DAY + Math.floor((ms - DAY) / 86_400_000) * 86_400_000;
const at = (seconds: number) => new Date(DAY + 9 * 3600_000 + seconds * 1000).toISOString();

let seq = 0;
function conversation(id: string, state: ConversationView['state'], createdSeconds: number, reason: 'bot_failure' | 'customer_requested' = 'bot_failure'): ConversationView {
  return {
    id,
    state,
    queue: 'support',
    owner: { kind: state === 'assigned' ? 'agent' : 'queue', id: state === 'assigned' ? 'u1' : 'support', name: '', since: at(createdSeconds), why: '' },
    offer: null,
    createdAt: at(createdSeconds),
    updatedAt: at(createdSeconds),
    envelope: { v: 1, id, customer: { name: '' }, transcript: [], reason: { kind: reason } },
    messages: [],
  };
}
const queued = (id: string, seconds: number, reason?: 'customer_requested'): HubEvent =>
  ({ type: 'conversation:queued', conversation: conversation(id, 'queued', seconds, reason), seq: ++seq, at: at(seconds), conversationId: id });
const assigned = (id: string, createdSeconds: number, seconds: number): HubEvent =>
  ({ type: 'conversation:assigned', conversation: conversation(id, 'assigned', createdSeconds), seq: ++seq, at: at(seconds), conversationId: id });
const resolved = (id: string, seconds: number): HubEvent => ({
  type: 'conversation:resolved',
  owner: { kind: 'agent', id: 'u1', name: '', since: at(seconds), why: '' },
  disposition: 'solved',
  by: { id: 'u1', name: '' },
  seq: ++seq,
  at: at(seconds),
  conversationId: id,
});
const abandoned = (id: string, seconds: number): HubEvent => ({
  type: 'conversation:abandoned',
  owner: { kind: 'queue', id: 'support', name: '', since: at(0), why: '' },
  waitedMs: 1000,
  seq: ++seq,
  at: at(seconds),
  conversationId: id,
});

describe('wallboard board', () => {
  it('counts handoffs, reasons, answers within target and abandons, and shows who still waits', () => {
    const board = emptyBoard(DAY);
    applyEvents(board, [queued('a', 0), queued('b', 10, 'customer_requested'), queued('c', 20), assigned('a', 0, 30), assigned('b', 10, 100), abandoned('c', 200)], startOfDay);
    const kpis = handoffKpis(board, Date.parse(at(200)));
    expect(kpis.handoffsToday).toBe(3);
    expect(kpis.reasonMix.find((mix) => mix.kind === 'bot_failure')?.count).toBe(2);
    expect(kpis.abandonedToday).toBe(1);
    expect(kpis.medianAcceptMs).toBe(30_000);
    // a within 60 s, b after 90 s, c abandoned: one of three decided within target.
    expect(kpis.serviceLevel).toBeCloseTo(1 / 3);
    applyEvents(board, [queued('d', 300)], startOfDay);
    const [row] = queueRows(board, Date.parse(at(360)));
    expect(row).toMatchObject({ id: 'support', waiting: 1, longestWaitMs: 60_000, abandonedToday: 1 });
  });

  it('drops resolved conversations, so the board holds only what is still active', () => {
    const board = emptyBoard(DAY);
    for (let index = 0; index < 1000; index += 1) {
      applyEvents(board, [queued(`x${index}`, index), assigned(`x${index}`, index, index + 1), resolved(`x${index}`, index + 2)], startOfDay);
    }
    expect(Object.keys(board.active)).toHaveLength(0);
    expect(board.today.handoffs).toBe(1000);
  });

  it('ignores an event it already applied, so a replay after a reconnect counts nothing twice', () => {
    const board = emptyBoard(DAY);
    const event = queued('r', 0);
    applyEvents(board, [event], startOfDay);
    applyEvents(board, [event], startOfDay);
    expect(board.today.handoffs).toBe(1);
  });

  it('counts an answer once even when the conversation is transferred and accepted again', () => {
    const board = emptyBoard(DAY);
    applyEvents(board, [queued('t', 0), assigned('t', 0, 5), assigned('t', 0, 500)], startOfDay);
    expect(board.today.answered).toBe(1);
    expect(board.today.answeredWithinTarget).toBe(1);
  });

  it('starts a new day of counters at midnight but keeps the conversations still waiting', () => {
    const board = emptyBoard(DAY);
    applyEvents(board, [queued('n', 0)], startOfDay);
    const tomorrow = new Date(DAY + 86_400_000 + 3600_000).toISOString();
    applyEvents(board, [{ ...queued('m', 0), at: tomorrow }], startOfDay);
    expect(board.today.handoffs).toBe(1);
    expect(board.dayStart).toBe(DAY + 86_400_000);
    expect(Object.keys(board.active).sort()).toEqual(['m', 'n']);
  });

  it('reports the median time to accept to the second, and none before any answer', () => {
    expect(medianAcceptMs(new Array(655).fill(0))).toBeNull();
    const histogram = new Array(655).fill(0);
    histogram[3] = 2;
    histogram[40] = 1;
    expect(medianAcceptMs(histogram)).toBe(3000);
  });
});
