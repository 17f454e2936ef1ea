import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { ALEX, SAM, at, journeyLog, rawAppend } from './journey-log';

const dirs: string[] = [];
const open: HubDatabase[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const scope: MetricsScope = { from: at('10:00:00'), to: at('12:00:00'), queues: ['support', 'billing'], filter: {} };

/** Three journeys: accepted and rated, declined then abandoned, transferred and repeat-asked. */
function journeys(db: HubDatabase, append?: Parameters<typeof journeyLog>[1]): void {
  const log = journeyLog(db, append);
  log.handoff('C1', '10:00:00');
  log.offered('C1', '10:00:00', ALEX);
  log.assigned('C1', '10:01:00', ALEX);
  log.resolved('C1', '10:20:00', ALEX, 'solved');
  log.rated('C1', '10:21:00', 5);
  log.handoff('C2', '10:10:00', { reason: { kind: 'customer_requested' }, routing: { channel: 'whatsapp' } });
  log.offered('C2', '10:10:00', ALEX);
  log.offerEnded('C2', '10:10:30', ALEX, 'declined', 'busy');
  log.abandoned('C2', '10:15:00', 300_000);
  log.handoff('C3', '10:20:00', {}, 'billing');
  log.offered('C3', '10:20:00', SAM);
  log.assigned('C3', '10:22:00', SAM);
  log.transferredToQueue('C3', '10:30:00', SAM, 'billing');
  log.repeatAsk('C3', '10:35:00', 'customer_restated', SAM);
}

const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-conversation-facts-'));
  dirs.push(dir);
  return join(dir, 'hub.sqlite');
};

/** A hub store as it was before migration `version`, with a log already written. */
function storeBefore(version: number, file: string): void {
  const db = new Database(file);
  for (const migration of hubMigrations.filter((each) => each.version < version)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  // Before migration 015 the log's own triggers folded conversation_facts, from 010 on.
  journeys(db, rawAppend(db));
  db.close();
}

const factRows = (db: HubDatabase) => db.prepare('SELECT * FROM conversation_facts ORDER BY id').all();
const hasTable = (db: HubDatabase, name: string) =>
  db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)?.n === 1;

describe('conversation_facts on a hub that upgrades', () => {
  it.each([8, 10, 15])('folds the log already written before migration %i, so the figures come out as on a new hub', (version) => {
    const upgradedFile = tempFile();
    storeBefore(version, upgradedFile);
    const upgraded = openHubDatabase(upgradedFile);
    const fresh = openHubDatabase(':memory:');
    open.push(upgraded, fresh);
    journeys(fresh);

    expect(factRows(upgraded)).toEqual(factRows(fresh));
    const report = createHandoffQuality(upgraded).report(scope);
    expect(report).toEqual(createHandoffQuality(fresh).report(scope));
    expect(report).toMatchObject({ handoffs: 3, accepted: 2, abandonedBeforeAgent: 1, transfers: { total: 1 }, offers: { made: 3, declined: 1 } });
  });

  it('drops the slim copy of the log migration 008 kept and the triggers of 010: the kernel folds the facts', () => {
    const file = tempFile();
    storeBefore(10, file);
    const upgraded = openHubDatabase(file);
    open.push(upgraded);
    expect(hasTable(upgraded, 'metric_events')).toBe(false);
    expect(upgraded.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'conversation_facts%'").pluck().all()).toEqual([]);
  });

  it('keeps the facts folded before the upgrade, a decline logged only as a state change included', () => {
    const file = tempFile();
    const db = new Database(file);
    for (const migration of hubMigrations.filter((each) => each.version < 15)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const log = journeyLog(db, rawAppend(db));
    log.handoff('L1', '10:00:00');
    log.offered('L1', '10:00:00', ALEX);
    log.legacyStateChange('L1', '10:00:20', 'queued', 'declined by Alex Agent: busy');
    db.close();
    const upgraded = openHubDatabase(file);
    open.push(upgraded);
    expect(createHandoffQuality(upgraded).report(scope).offers).toMatchObject({ made: 1, declined: 1 });
  });

  it('is not touched by events the figures do not read, such as messages', () => {
    const db = openHubDatabase(':memory:');
    open.push(db);
    journeys(db);
    const before = factRows(db);
    const message = { id: 'm-late', conversationId: 'C1', at: at('13:00:00'), author: 'customer' as const, text: 'Thanks again' };
    createEventLog(db).append({ conversationId: 'C1', queue: 'support', at: at('13:00:00'), body: { type: 'message:added', message }, audience: [] });

    expect(factRows(db)).toEqual(before);
  });
});
