import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLeadership, leadershipKey, type Leadership } from '../../../src/hub/cluster/leadership';
import { hasPostgres, onSqliteRun, usePrivatePostgres } from './private-postgres';

const RETRY_MS = 300;
/** A poll is one round trip on loopback; this covers a busy two-core machine's scheduling. */
const SLACK_MS = 700;

describe.runIf(onSqliteRun)('leadership on SQLite', () => {
  it('makes the one embedded process the leader of every job', async () => {
    const leadership = createLeadership({ job: 'outbox' });
    expect(leadership.isLeader()).toBe(true);
    await leadership.stop();
  });
});

describe.skipIf(!hasPostgres)('leadership on PostgreSQL', () => {
  const cluster = usePrivatePostgres();
  const started: Leadership[] = [];
  const replica = (job: string) => {
    const leadership = createLeadership({ url: cluster().serverUrl, job, retryMs: RETRY_MS });
    started.push(leadership);
    return leadership;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((leadership) => leadership.stop()));
  });

  async function holderPid(job: string): Promise<number> {
    const admin = new pg.Client(cluster().serverUrl);
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
        [leadershipKey(job).toString()],
      );
      expect(rows).toHaveLength(1);
      return rows[0]!.pid;
    } finally {
      await admin.end();
    }
  }

  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client(cluster().serverUrl);
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
  }

  it('lets exactly one of two replicas hold a job', async () => {
    const [a, b] = [replica('outbox'), replica('outbox')];
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true), { timeout: 5000 });
    // Both have polled at least once more by now: the follower stays a follower.
    await new Promise((wait) => setTimeout(wait, 2 * RETRY_MS + 100));
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
  });

  it('hands the job to the other replica within one poll when the holder’s connection dies', async () => {
    const [a, b] = [replica('offer-sweep'), replica('offer-sweep')];
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true), { timeout: 5000 });
    const [holder, follower] = a.isLeader() ? [a, b] : [b, a];
    const changes: boolean[] = [];
    holder.onChange((isLeader) => changes.push(isLeader));
    const tookOver = new Promise<number>((resolve) => follower.onChange((isLeader) => isLeader && resolve(Date.now())));

    const killedAt = Date.now();
    await terminate(await holderPid('offer-sweep'));
    const takeoverMs = (await tookOver) - killedAt;

    expect(takeoverMs).toBeLessThan(RETRY_MS + SLACK_MS);
    expect(changes).toEqual([false]);
    // The old holder reconnects and polls again, and stays a follower.
    await new Promise((wait) => setTimeout(wait, 4 * RETRY_MS));
    expect([holder.isLeader(), follower.isLeader()]).toEqual([false, true]);
  });

  it('hands the job on when its leader stops, as in a rolling deploy', async () => {
    const [a, b] = [replica('retention'), replica('retention')];
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true), { timeout: 5000 });
    const [holder, follower] = a.isLeader() ? [a, b] : [b, a];
    await holder.stop();
    expect(holder.isLeader()).toBe(false);
    await vi.waitFor(() => expect(follower.isLeader()).toBe(true), { timeout: RETRY_MS + SLACK_MS });
  });

  it('elects a leader per job, independently', async () => {
    const outbox = replica('outbox');
    const sweep = replica('offer-sweep');
    await vi.waitFor(() => expect([outbox.isLeader(), sweep.isLeader()]).toEqual([true, true]), { timeout: 5000 });
  });

  it('has nobody leading while PostgreSQL is down, and exactly one again once it is back', async () => {
    const [a, b] = [replica('outbox'), replica('outbox')];
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true), { timeout: 5000 });
    await cluster().stop('immediate');
    try {
      await vi.waitFor(() => expect([a.isLeader(), b.isLeader()]).toEqual([false, false]), { timeout: 5000 });
    } finally {
      await cluster().start();
    }
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true), { timeout: 10_000 });
    await new Promise((wait) => setTimeout(wait, 2 * RETRY_MS + 100));
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
  });
});
