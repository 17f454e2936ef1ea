import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWakeups, type Wakeups } from '../../../src/hub/cluster/wakeups';
import { hasPostgres, onSqliteRun, usePrivatePostgres } from './private-postgres';

/** Records what one replica's listener was woken with, in order. */
function recorder(wakeups: Wakeups, channel: string) {
  const payloads: (string | undefined)[] = [];
  wakeups.onWake(channel, (payload) => payloads.push(payload));
  return payloads;
}

describe.runIf(onSqliteRun)('wake-ups on SQLite', () => {
  it('wakes the one process’s listeners with the payload, and no longer once unsubscribed', async () => {
    const wakeups = createWakeups({});
    const payloads: (string | undefined)[] = [];
    const unsubscribe = wakeups.onWake('events', (payload) => payloads.push(payload));
    await wakeups.notify('events', '41');
    unsubscribe();
    await wakeups.notify('events', '42');
    expect(payloads).toEqual(['41']);
    await wakeups.stop();
  });

  it('refuses a channel that is not a plain identifier and an oversized payload', async () => {
    const wakeups = createWakeups({});
    await expect(wakeups.notify('events"; DROP TABLE events; --')).rejects.toThrow(RangeError);
    await expect(wakeups.notify('events', 'x'.repeat(8000))).rejects.toThrow(RangeError);
    expect(() => wakeups.onWake('Events', () => undefined)).toThrow(RangeError);
  });
});

describe.skipIf(!hasPostgres)('wake-ups between replicas on PostgreSQL', () => {
  const cluster = usePrivatePostgres();
  const started: Wakeups[] = [];
  const replica = () => {
    const wakeups = createWakeups({ url: cluster().serverUrl });
    started.push(wakeups);
    return wakeups;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((wakeups) => wakeups.stop()));
  });

  it('wakes a listener on another replica with the payload', async () => {
    const [a, b] = [replica(), replica()];
    const seen = recorder(b, 'events');
    await Promise.all([a.ready(), b.ready()]);
    await a.notify('events', '17');
    await vi.waitFor(() => expect(seen).toEqual(['17']), { timeout: 5000 });
  });

  it('wakes the notifying replica once, in process, not again when its own notification comes back', async () => {
    const [a, b] = [replica(), replica()];
    const seen = recorder(a, 'events');
    await Promise.all([a.ready(), b.ready()]);
    await a.notify('events', 'mine');
    expect(seen).toEqual(['mine']);
    // Notifications reach a listener in commit order: once the sentinel is in, an echo would be too.
    await b.notify('events', 'sentinel');
    await vi.waitFor(() => expect(seen).toContain('sentinel'), { timeout: 5000 });
    expect(seen).toEqual(['mine', 'sentinel']);
  });

  it('sends identical wakes of one tick once', async () => {
    const [a, b] = [replica(), replica()];
    const seen = recorder(b, 'events');
    await Promise.all([a.ready(), b.ready()]);
    await Promise.all(Array.from({ length: 50 }, () => a.notify('events')));
    await a.notify('events', 'sentinel');
    await vi.waitFor(() => expect(seen).toContain('sentinel'), { timeout: 5000 });
    expect(seen).toEqual([undefined, 'sentinel']);
  });

  it('keeps channels apart', async () => {
    const [a, b] = [replica(), replica()];
    const events = recorder(b, 'events');
    const offers = recorder(b, 'offers');
    await Promise.all([a.ready(), b.ready()]);
    await a.notify('offers', 'o1');
    await a.notify('events', 'e1');
    await vi.waitFor(() => expect(events).toEqual(['e1']), { timeout: 5000 });
    expect(offers).toEqual(['o1']);
  });

  it('wakes every listener once after PostgreSQL restarts, and carries wakes again', async () => {
    const errors: unknown[] = [];
    const a = createWakeups({ url: cluster().serverUrl, onError: (error) => errors.push(error) });
    const b = createWakeups({ url: cluster().serverUrl, onError: (error) => errors.push(error) });
    started.push(a, b);
    const seen = recorder(b, 'events');
    await Promise.all([a.ready(), b.ready()]);

    await cluster().stop('immediate');
    try {
      await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
      // Sent while the server is down: never a rejection, owed until the connection is back.
      await a.notify('events', 'while-down');
    } finally {
      await cluster().start();
    }
    await vi.waitFor(() => expect(seen).toContain(undefined), { timeout: 15_000 });
    await Promise.all([a.ready(), b.ready()]);
    await a.notify('events', 'after-restart');
    await vi.waitFor(() => expect(seen).toContain('after-restart'), { timeout: 5000 });
    expect(seen).not.toContain('while-down');
  });
});
