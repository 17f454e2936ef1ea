import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { foldConversations, type ConversationFacts } from '../../../src/hub/metrics/conversation-facts';
import { createMetricEventReader } from '../../../src/hub/metrics/event-reader';
import { FACTS_COLUMNS, createFactsReader, toFacts, type FactsRow } from '../../../src/hub/metrics/facts-reader';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import { buildReport, matchesFilter } from '../../../src/hub/metrics/report';
import { drillDown } from '../../../src/hub/metrics/drill-down';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { createConversationFactsStore } from '../../../src/hub/store/conversation-facts';
import { DRILL_FIGURES } from '../../../src/shared/metrics';
import { AGENTS, CHANNELS, DAY_MINUTES, DAY_START, INTENTS, QUEUES, journeysArbitrary, writeJourneys } from './random-journeys';

const open: HubDatabase[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const fresh = (): HubDatabase => {
  const db = openHubDatabase(':memory:');
  open.push(db);
  return db;
};

const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', queues: [...QUEUES] };
const byId = (facts: ConversationFacts[]) => [...facts].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The figures' definition: every event of the period, folded from scratch. */
function factsFromLog(db: HubDatabase, scope: MetricsScope): ConversationFacts[] {
  const facts = [...foldConversations(createMetricEventReader(db).between(scope)).values()];
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

describe('conversation_facts, each conversation folded by the kernel as its events are logged', () => {
  it('agrees with folding the whole log from scratch, over random journeys', () => {
    fc.assert(
      fc.property(journeysArbitrary, (input) => {
        const db = fresh();
        writeJourneys(db, input);
        const fromLog = [...foldConversations(createMetricEventReader(db).between(ALL_TIME)).values()];
        // Every row, even one the reader would fold from the log (moved between queues, handed off twice).
        const rows = db.prepare<[], FactsRow>(`SELECT ${FACTS_COLUMNS} FROM conversation_facts`).raw(true).all().map(toFacts);
        expect(byId(rows)).toEqual(byId(fromLog));
        expect(byId(createFactsReader(db).between(ALL_TIME))).toEqual(byId(fromLog));
        db.close();
        open.pop();
      }),
      RUNS,
    );
  });

  it('gives the same report and drill-downs as the log for any period, queues and filter, including conversations cut by the period', () => {
    fc.assert(
      fc.property(journeysArbitrary, scopeArbitrary, (input, scope) => {
        const db = fresh();
        writeJourneys(db, input);
        const quality = createHandoffQuality(db);
        const expected = factsFromLog(db, scope);
        const report = quality.report(scope);
        expect(report).toEqual(buildReport({ facts: expected, from: scope.from, to: scope.to, filter: scope.filter, containedBotSessions: null }));
        for (const figure of DRILL_FIGURES) {
          expect(quality.drillDown(scope, figure).conversations).toEqual(drillDown(expected, figure, 500).rows);
        }
        db.close();
        open.pop();
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('comes out the same when rebuilt from the log already written', () => {
    fc.assert(
      fc.property(journeysArbitrary, (input) => {
        const db = fresh();
        writeJourneys(db, input);
        const kept = db.prepare('SELECT * FROM conversation_facts ORDER BY id').all();
        createConversationFactsStore(db).rebuild();
        expect(db.prepare('SELECT * FROM conversation_facts ORDER BY id').all()).toEqual(kept);
        db.close();
        open.pop();
      }),
      { ...RUNS, numRuns: 20 },
    );
  });
});
