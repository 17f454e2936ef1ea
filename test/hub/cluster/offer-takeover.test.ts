import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HubEvent } from '../../../src/shared/protocol';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, openStream, postHandoff, signIn, tempDir } from '../../support/hub';
import { killableReplica } from '../../support/replica-process';
import { onPostgres, testDatabase } from '../../support/test-store';

const OFFER_TIMEOUT_S = 5;

let replicaA: ChildProcess | null = null;
let replicaB: RunningHub | null = null;
afterEach(async () => {
  replicaA?.kill('SIGKILL');
  replicaA = null;
  await replicaB?.close();
  replicaB = null;
});

/** The jobs whose advisory locks are held in this database (the three led jobs once a replica leads them all). */
async function heldJobLocks(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ held: number }>(
      "SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return result.rows[0]?.held ?? 0;
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)('replicas on one PostgreSQL database (skipped on SQLite: one process there does every job)', () => {
  it("expire a killed replica's offer on time through the replica that takes the offer sweep over", async () => {
    const { databaseUrl } = await testDatabase();
    if (!databaseUrl) throw new Error('the hub-postgres project gives a database URL');
    const a = await killableReplica(databaseUrl, ['--offer-timeout', String(OFFER_TIMEOUT_S)]);
    replicaA = a.child;
    // Replica A leads every job before B starts, so only the takeover can arm A's offer on B.
    await vi.waitFor(async () => expect(await heldJobLocks(databaseUrl)).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 100 });
    replicaB = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), databaseUrl, demo: false, offerTimeoutMs: OFFER_TIMEOUT_S * 1000 });

    const alex = await openStream(a.url, await signIn(a.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const id = (await postHandoff(a.url, envelope())).json.conversationId!;
    const offered = await alex.waitFor(() => alex.events().find((event): event is Extract<HubEvent, { type: 'conversation:offered' }> => event.type === 'conversation:offered' && event.conversationId === id), 15_000);
    const expiresAt = Date.parse(offered.offer.expiresAt!);
    a.child.kill('SIGKILL');
    alex.close();

    const events = replicaB.hub.context.events;
    const ended = await vi.waitFor(
      async () => {
        const found = (await events.after(0, 1000)).find(({ event }) => event.conversationId === id && event.type === 'offer:ended');
        if (!found) throw new Error('the offer is still open');
        return found;
      },
      { timeout: (OFFER_TIMEOUT_S + 10) * 1000, interval: 50 },
    );
    const lateMs = Date.now() - expiresAt;
    console.info(`offer expired via replica B ${lateMs} ms after its deadline`);
    expect(ended.event.type === 'offer:ended' && ended.event.outcome).toBe('expired');
    // On time: the sweep's new leader arms the offer for its own deadline, well before it passes.
    expect(lateMs).toBeLessThan(2000);
    // The expired offer is gone. Alex's lease on the killed replica stands until it runs out, so
    // the chat may go to them again meanwhile: they are the only agent, and may have reconnected.
    const record = await replicaB.hub.context.conversations.get(id);
    expect(record?.offer?.offeredAt).not.toBe(offered.offer.offeredAt);
  });
});
