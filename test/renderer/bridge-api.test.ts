import { describe, expect, it } from 'vitest';
import { bridgeUrl } from '../../src/renderer/api';
import { createBridgeApi, type SocketHandlers } from '../../src/renderer/bridge-api';
import type { BridgeRequest } from '../../src/shared/ipc';

/** A socket whose life the test drives, and timers that run only when the test says so. */
function harness(options: { requestTimeoutMs?: number } = {}) {
  const sockets: Array<{ handlers: SocketHandlers; sent: BridgeRequest[]; readyState: number }> = [];
  const timers: Array<{ fn: () => void; ms: number; isDone: boolean }> = [];
  const bridge = createBridgeApi({
    url: 'ws://warmline.test/bridge',
    requestTimeoutMs: options.requestTimeoutMs ?? 1000,
    backoffMs: [100, 400],
    openSocket(_url, handlers) {
      const socket = { handlers, sent: [] as BridgeRequest[], readyState: 0, send: (data: string) => socket.sent.push(JSON.parse(data)) };
      sockets.push(socket);
      return socket;
    },
    setTimer(fn, ms) {
      const timer = { fn, ms, isDone: false };
      timers.push(timer);
      return timer;
    },
    clearTimer(handle) {
      (handle as { isDone: boolean }).isDone = true;
    },
  });
  const latest = () => sockets[sockets.length - 1]!;
  return {
    ...bridge,
    sockets,
    latest,
    open() {
      latest().readyState = 1;
      latest().handlers.opened();
    },
    drop() {
      latest().readyState = 3;
      latest().handlers.closed();
    },
    reply(id: number, value: unknown) {
      latest().handlers.received(JSON.stringify({ kind: 'response', id, result: { ok: true, value } }));
    },
    /** Runs the pending timers that are due within `ms`, in order. */
    runTimers(ms: number) {
      for (const timer of timers.filter((t) => !t.isDone && t.ms <= ms)) {
        timer.isDone = true;
        timer.fn();
      }
    },
    pendingTimerDelays: () => timers.filter((t) => !t.isDone).map((t) => t.ms),
  };
}

describe('browser-mode bridge', () => {
  it('reaches the bridge on the page’s own origin, over wss when the page is https', () => {
    expect(bridgeUrl({ protocol: 'https:', host: 'wall.example:8443' })).toBe('wss://wall.example:8443/bridge');
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/bridge');
  });

  it('answers each request with the response that carries its id', async () => {
    const h = harness();
    h.open();
    const first = h.api.invoke('conversations:list', undefined);
    const second = h.api.invoke('conversations:get', { id: 'c1' });
    const [a, b] = h.latest().sent;
    h.reply(b!.id, null);
    h.reply(a!.id, []);
    expect(await first).toEqual({ ok: true, value: [] });
    expect(await second).toEqual({ ok: true, value: null });
  });

  it('holds a request made before the bridge is open and sends it once it opens', async () => {
    const h = harness();
    const answer = h.api.invoke('session:get', undefined);
    expect(h.latest().sent).toHaveLength(0);
    h.open();
    expect(h.latest().sent.map((frame) => frame.channel)).toEqual(['session:get']);
    h.reply(h.latest().sent[0]!.id, { user: null });
    expect(await answer).toEqual({ ok: true, value: { user: null } });
  });

  it('fails a request with a clear error when the bridge does not come back in time', async () => {
    const h = harness({ requestTimeoutMs: 1000 });
    const answer = h.api.invoke('session:get', undefined);
    h.runTimers(1000);
    const result = await answer;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ code: 'bridge-timeout', message: expect.stringMatching(/did not answer in time/) });
  });

  it('fails a request in flight when the bridge drops, then reconnects with growing backoff', async () => {
    const h = harness();
    const states: string[] = [];
    h.transport.subscribe((state) => states.push(`${state.status}:${state.retryInSeconds ?? '-'}`));
    h.open();
    const answer = h.api.invoke('conversations:list', undefined);
    h.drop();
    expect((await answer).ok).toBe(false);
    expect(h.pendingTimerDelays()).toContain(100);
    h.runTimers(100);
    expect(h.sockets).toHaveLength(2);
    h.drop();
    expect(h.pendingTimerDelays()).toContain(400);
    expect(states).toEqual(['open:-', 'closed:1', 'connecting:-', 'closed:1']);
  });

  it('tells the app it reconnected, so stores can reload what they missed', () => {
    const h = harness();
    let reconnects = 0;
    h.transport.onReconnected(() => (reconnects += 1));
    h.open();
    h.drop();
    h.runTimers(100);
    h.open();
    expect(reconnects).toBe(1);
  });

  it('passes core events to listeners and ignores frames that are not JSON', () => {
    const h = harness();
    const seen: string[] = [];
    h.api.onEvent((event) => seen.push(event.type));
    h.open();
    h.latest().handlers.received('not json');
    h.latest().handlers.received(JSON.stringify({ kind: 'event', event: { type: 'conversation:focus-requested', id: 'c1' } }));
    expect(seen).toEqual(['conversation:focus-requested']);
  });

  it('unpacks a frame of several core events and passes them on in order', () => {
    const h = harness();
    const seen: string[] = [];
    h.api.onEvent((event) => seen.push(event.type === 'conversation:focus-requested' ? event.id : event.type));
    h.open();
    const events = ['c1', 'c2', 'c3'].map((id) => ({ type: 'conversation:focus-requested', id }));
    h.latest().handlers.received(JSON.stringify({ kind: 'events', events }));
    expect(seen).toEqual(['c1', 'c2', 'c3']);
  });
});
