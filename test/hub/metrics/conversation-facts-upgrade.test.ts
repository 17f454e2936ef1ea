import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import type { NewEvent } from '../../../src/hub/store/events';
import { createEventLog } from '../../../src/hub/store/events';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { openTestStore } from '../../support/test-store';
import { ALEX, SAM, at, journeyLog, rawAppend } from './journey-log';

const dirs: string[] = [];
const open: HubDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const scope: MetricsScope = { from: at('10:00:00'), to: at('12:00:00'), queues: ['support', 'billing'], filter: {} };

/** Three journeys: accepted and rated, declined then abandoned, transferred and repeat-asked. */
async function journeys(target: HubDatabase | ((entry: NewEvent) => Promise<void>)): Promise<void> {
  const log = journeyLog(target);
  await log.handoff('C1', '10:00:00');
  await log.offered('C1', '10:00:00', ALEX);
  await log.assigned('C1', '10:01:00', ALEX);
  await log.resolved('C1', '10:20:00', ALEX, 'solved');
  await log.rated('C1', '10:21:00', 5);
  await log.handoff('C2', '10:10:00', { reason: { kind: 'customer_requested' }, routing: { channel: 'whatsapp' } });
  await log.offered('C2', '10:10:00', ALEX);
  await log.offerEnded('C2', '10:10:30', ALEX, 'declined', 'busy');
  await log.abandoned('C2', '10:15:00', 300_000);
  await log.handoff('C3', '10:20:00', {}, 'billing');
  await log.offered('C3', '10:20:00', SAM);
  await log.assigned('C3', '10:22:00', SAM);
  await log.transferredToQueue('C3', '10:30:00', SAM, 'billing');
  await log.repeatAsk('C3', '10:35:00', 'customer_restated', SAM);
}

const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-conversation-facts-'));
  dirs.push(dir);
  return join(dir, 'hub.sqlite');
};

/** A hub store as it was before migration `version`, with a log already written. */
async function storeBefore(version: number, file: string): Promise<void> {
  const db = new Database(file);
  for (const migration of hubMigrations.filter((each) => each.version < version)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  // Before migration 015 the log's own triggers folded conversation_facts, from 010 on.
  await journeys(rawAppend(db));
  db.close();
}

const factRows = (db: HubDatabase) => db.all('SELECT * FROM conversation_facts ORDER BY id');
const hasTable = async (db: HubDatabase, name: string) =>
  (await db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))?.n === 1;

// An upgrade is of a SQLite file written by an older hub: PostgreSQL starts at today's schema.
describe('conversation_facts on a hub whose SQLite file upgrades', () => {
  it.each([8, 10, 15])('folds the log already written before migration %i, so the figures come out as on a new hub', async (version) => {
    const upgradedFile = tempFile();
    await storeBefore(version, upgradedFile);
    const upgraded = await openHubDatabase(upgradedFile);
    const fresh = await openHubDatabase(':memory:');
    open.push(upgraded, fresh);
    await journeys(fresh);

    expect(await factRows(upgraded)).toEqual(await factRows(fresh));
    const report = await createHandoffQuality(upgraded).report(scope);
    expect(report).toEqual(await createHandoffQuality(fresh).report(scope));
    expect(report).toMatchObject({ handoffs: 3, accepted: 2, abandonedBeforeAgent: 1, transfers: { total: 1 }, offers: { made: 3, declined: 1 } });
  });

  it('drops the slim copy of the log migration 008 kept and the triggers of 010: the kernel folds the facts', async () => {
    const file = tempFile();
    await storeBefore(10, file);
    const upgraded = await openHubDatabase(file);
    open.push(upgraded);
    expect(await hasTable(upgraded, 'metric_events')).toBe(false);
    expect(await upgraded.all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'conversation_facts%'")).toEqual([]);
  });

  it('keeps the facts folded before the upgrade, a decline logged only as a state change included', async () => {
    const file = tempFile();
    const db = new Database(file);
    for (const migration of hubMigrations.filter((each) => each.version < 15)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const log = journeyLog(rawAppend(db));
    await log.handoff('L1', '10:00:00');
    await log.offered('L1', '10:00:00', ALEX);
    await log.legacyStateChange('L1', '10:00:20', 'queued', 'declined by Alex Agent: busy');
    db.close();
    const upgraded = await openHubDatabase(file);
    open.push(upgraded);
    expect((await createHandoffQuality(upgraded).report(scope)).offers).toMatchObject({ made: 1, declined: 1 });
  });

});

describe('conversation_facts as the kernel folds it', () => {
  it('is not touched by events the figures do not read, such as messages', async () => {
    const db = await openTestStore();
    open.push(db);
    await journeys(db);
    const before = await factRows(db);
    const message = { id: 'm-late', conversationId: 'C1', at: at('13:00:00'), author: 'customer' as const, text: 'Thanks again' };
    const log = createEventLog(db);
    await db.write(() => log.append({ conversationId: 'C1', queue: 'support', at: at('13:00:00'), body: { type: 'message:added', message }, audience: [] }));

    expect(await factRows(db)).toEqual(before);
  });
});
