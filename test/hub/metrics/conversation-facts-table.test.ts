import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { foldConversations, type ConversationFacts } from '../../../src/hub/metrics/conversation-facts';
import { createMetricEventReader } from '../../../src/hub/metrics/event-reader';
import { FACTS_COLUMNS, createFactsReader, toFacts, type FactsRow } from '../../../src/hub/metrics/facts-reader';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import { buildReport, matchesFilter } from '../../../src/hub/metrics/report';
import { drillDown } from '../../../src/hub/metrics/drill-down';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createConversationFactsStore } from '../../../src/hub/store/conversation-facts';
import { DRILL_FIGURES } from '../../../src/shared/metrics';
import { openTestStore } from '../../support/test-store';
import { AGENTS, CHANNELS, DAY_MINUTES, DAY_START, INTENTS, QUEUES, journeysArbitrary, writeJourneys } from './random-journeys';

const open: HubDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

const fresh = async (): Promise<HubDatabase> => {
  const db = await openTestStore();
  open.push(db);
  return db;
};

/** One store per property, its log emptied before each case: a fresh store per case is slow on PostgreSQL. */
async function emptied(db: HubDatabase): Promise<HubDatabase> {
  await db.write(async () => {
    await db.run('DELETE FROM event_audience');
    await db.run('DELETE FROM events');
    await db.run('DELETE FROM conversation_facts');
  });
  return db;
}

const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', queues: [...QUEUES] };
const byId = (facts: ConversationFacts[]) => [...facts].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The figures' definition: every event of the period, folded from scratch. */
async function factsFromLog(db: HubDatabase, scope: MetricsScope): Promise<ConversationFacts[]> {
  const facts = [...foldConversations(await createMetricEventReader(db).between(scope)).values()];
  return facts.filter((each) => matchesFilter(each, scope.filter));
}

const minute = (value: number) => new Date(DAY_START + value * 60_000).toISOString();

const scopeArbitrary = fc
  .record({
    fromMinute: fc.integer({ min: -120, max: DAY_MINUTES }),
    length: fc.integer({ min: 1, max: DAY_MINUTES + 600 }),
    queues: fc.subarray([...QUEUES], { minLength: 1 }),
    filter: fc.oneof(
      fc.constant({}),
      fc.record({ queue: fc.constantFrom(...QUEUES) }),
      fc.record({ intent: fc.constantFrom(...INTENTS.filter(Boolean)) }),
      fc.record({ channel: fc.constantFrom(...CHANNELS) }),
      fc.record({ agent: fc.constantFrom(...AGENTS.map((agent) => agent.id)) }),
    ),
  })
  .map(({ fromMinute, length, queues, filter }): MetricsScope => ({ from: minute(fromMinute), to: minute(fromMinute + length), queues, filter }));

// Fixed seeds: a failure names its journeys, and the same run reproduces it.
const RUNS = { seed: 20261121, numRuns: 60 };
// A property writes a few thousand events, which takes PostgreSQL far longer than SQLite in memory.
const PROPERTY_TIMEOUT_MS = 120_000;

describe('conversation_facts, each conversation folded by the kernel as its events are logged', () => {
  it('agrees with folding the whole log from scratch, over random journeys', async () => {
    const store = await fresh();
    await fc.assert(
      fc.asyncProperty(journeysArbitrary, async (input) => {
        const db = await emptied(store);
        await writeJourneys(db, input);
        const fromLog = [...foldConversations(await createMetricEventReader(db).between(ALL_TIME)).values()];
        // Every row, even one the reader would fold from the log (moved between queues, handed off twice).
        const rows = (await db.all<FactsRow>(`SELECT ${FACTS_COLUMNS} FROM conversation_facts`)).map(toFacts);
        expect(byId(rows)).toEqual(byId(fromLog));
        expect(byId(await createFactsReader(db).between(ALL_TIME))).toEqual(byId(fromLog));
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives the same report and drill-downs as the log for any period, queues and filter, including conversations cut by the period', async () => {
    const store = await fresh();
    await fc.assert(
      fc.asyncProperty(journeysArbitrary, scopeArbitrary, async (input, scope) => {
        const db = await emptied(store);
        await writeJourneys(db, input);
        const quality = createHandoffQuality(db);
        const expected = await factsFromLog(db, scope);
        const report = await quality.report(scope);
        expect(report).toEqual(buildReport({ facts: expected, from: scope.from, to: scope.to, filter: scope.filter, containedBotSessions: null }));
        for (const figure of DRILL_FIGURES) {
          expect((await quality.drillDown(scope, figure)).conversations).toEqual(drillDown(expected, figure, 500).rows);
        }
      }),
      { ...RUNS, numRuns: 80 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('comes out the same when rebuilt from the log already written', async () => {
    const store = await fresh();
    await fc.assert(
      fc.asyncProperty(journeysArbitrary, async (input) => {
        const db = await emptied(store);
        await writeJourneys(db, input);
        const kept = await db.all('SELECT * FROM conversation_facts ORDER BY id');
        await createConversationFactsStore(db).rebuild();
        expect(await db.all('SELECT * FROM conversation_facts ORDER BY id')).toEqual(kept);
      }),
      { ...RUNS, numRuns: 20 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
