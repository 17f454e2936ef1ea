import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { fillMetricEvents } from '../../../src/hub/store/migrations/008-metric-events';
import { ALEX, SAM, at, journeyLog } from './journey-log';

const dirs: string[] = [];
const open: HubDatabase[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const scope: MetricsScope = { from: at('10:00:00'), to: at('12:00:00'), queues: ['support', 'billing'], filter: {} };

/** Three journeys: accepted and rated, declined then abandoned, transferred and repeat-asked. */
function journeys(db: HubDatabase): void {
  const log = journeyLog(db);
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
  const dir = mkdtempSync(join(tmpdir(), 'warmline-metric-events-'));
  dirs.push(dir);
  return join(dir, 'hub.sqlite');
};

/** A hub store as it was before migration 8, with a log already written. */
function storeBeforeMigration8(file: string): void {
  const db = new Database(file);
  for (const migration of hubMigrations.filter((each) => each.version < 8)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  journeys(db);
  db.close();
}

const slimRows = (db: HubDatabase) => db.prepare('SELECT * FROM metric_events ORDER BY seq').all();

describe('metric_events, the slim copy of the log the figures read', () => {
  it('backfills the log already written when the hub upgrades, so the figures come out as on a new hub', () => {
    const upgradedFile = tempFile();
    storeBeforeMigration8(upgradedFile);
    const upgraded = openHubDatabase(upgradedFile);
    const fresh = openHubDatabase(':memory:');
    open.push(upgraded, fresh);
    journeys(fresh);

    expect(slimRows(upgraded)).toEqual(slimRows(fresh));
    const report = createHandoffQuality(upgraded).report(scope);
    expect(report).toEqual(createHandoffQuality(fresh).report(scope));
    expect(report).toMatchObject({ handoffs: 3, accepted: 2, abandonedBeforeAgent: 1, transfers: { total: 1 }, offers: { made: 3, declined: 1 } });
  });

  it('keeps, for each event written, exactly what a rebuild from the log gives', () => {
    const db = openHubDatabase(':memory:');
    open.push(db);
    journeys(db);
    const kept = slimRows(db);
    fillMetricEvents(db);

    expect(kept).toHaveLength(14);
    expect(slimRows(db)).toEqual(kept);
  });

  it('keeps only the few values of a handoff, not its envelope and transcript', () => {
    const db = openHubDatabase(':memory:');
    open.push(db);
    journeys(db);
    const queued = db.prepare<[], { detail: string }>("SELECT detail FROM metric_events WHERE type = 'conversation:queued' AND conversation_id = 'C2'").get();

    expect(JSON.parse(queued?.detail ?? 'null')).toEqual(['refund_request', 'whatsapp', 'customer_requested', 'generic', -1]);
  });

  it('leaves out events the figures do not read, such as messages', () => {
    const db = openHubDatabase(':memory:');
    open.push(db);
    journeys(db);
    db.prepare("INSERT INTO events (at, conversation_id, type, queue, body) VALUES (?, 'C1', 'message:added', 'support', '{}')").run(at('10:02:00'));

    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM metric_events WHERE type = 'message:added'").get()?.n).toBe(0);
  });
});
