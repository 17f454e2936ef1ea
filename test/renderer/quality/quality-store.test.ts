import { describe, expect, it } from 'vitest';
import { createQualityStore, toQuery } from '../../../src/renderer/features/quality/quality-store';
import { describeEntry, formatDuration, formatGap, summaryTiles } from '../../../src/renderer/features/quality/quality-selectors';
import type { HandoffQualityReport } from '../../../src/shared/metrics';
import { fail, ok } from '../../../src/shared/result';
import { createFakeApi, flush } from '../fake-api';

const NOW = Date.parse('2026-11-20T15:00:00Z');

const report = (overrides: Partial<HandoffQualityReport> = {}): HandoffQualityReport => ({
  from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', filter: {},
  handoffs: 10, direct: 2, containedBotSessions: null, handoffRate: null, handoffRateNote: 'no bot sessions reported',
  reasons: { customer_requested: 4, bot_failure: 3, planned_escalation: 2, unknown: 1 }, reasonsOverTime: [],
  accepted: 8, timeToAccept: { count: 8, p50: 45_000, p90: 200_000, p99: 3_900_000 }, customerWait: { count: 9, p50: 60_000, p90: 300_000, p99: 300_000 },
  abandonedBeforeAgent: 1, abandonedBeforeAgentRate: 1 / 12, offers: { made: 11, accepted: 8, declined: 2, expired: 1, withdrawn: 0 },
  transfers: { total: 3, conversations: 2, beforeResolution: { none: 5, one: 1, twoOrMore: 1 } },
  timeToResolution: { count: 7, p50: 600_000, p90: 1_200_000, p99: 1_200_000 }, resolved: 7, unresolved: { open: 4, abandoned: 1 }, byDisposition: { solved: 7 },
  repeatInformation: { conversations: 8, withRepeatAsk: 2, rate: 0.25, byAgent: [], byIntent: [] },
  csat: { afterHandoff: { ratings: 4, satisfied: 2, csat: 0.5, mean: 3 }, direct: { ratings: 2, satisfied: 2, csat: 1, mean: 4.5 }, gap: -0.5, byReason: [] },
  failedHandovers: { total: 1, byReason: [{ reason: 'no agent free', count: 1 }], items: [] },
  byQueue: [], byIntent: [], byAgent: [], byChannel: [],
  ...overrides,
});

describe('handoff quality store', () => {
  it('asks the core for the last seven days, today included, by default', async () => {
    const fake = createFakeApi();
    fake.answer('metrics:report', () => ok(report()));
    const store = createQualityStore(fake.api, () => NOW);
    await store.getState().load();
    expect(fake.callsTo('metrics:report')).toEqual([{ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }]);
    expect(store.getState().report?.handoffs).toBe(10);
  });

  it('reloads with the new filter and sends only the filters that were typed', async () => {
    const fake = createFakeApi();
    fake.answer('metrics:report', () => ok(report()));
    const store = createQualityStore(fake.api, () => NOW);
    store.getState().filterBy({ queue: ' returns ', agent: '' });
    await flush();
    expect(fake.callsTo('metrics:report').at(-1)).toEqual({ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', queue: 'returns' });
  });

  it('keeps the answer to the latest request when an older one arrives after it', async () => {
    const fake = createFakeApi();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    let call = 0;
    fake.answer('metrics:report', async () => {
      call += 1;
      if (call === 1) await slow;
      return ok(report({ handoffs: call === 1 ? 1 : 2 }));
    });
    const store = createQualityStore(fake.api, () => NOW);
    const first = store.getState().load();
    await store.getState().load();
    release();
    await first;
    expect(store.getState().report?.handoffs).toBe(2);
  });

  it('shows why the figures could not be loaded', async () => {
    const fake = createFakeApi();
    fake.answer('metrics:report', () => fail('forbidden', 'Quality metrics are for supervisors and admins.'));
    const store = createQualityStore(fake.api, () => NOW);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ error: 'Quality metrics are for supervisors and admins.', isLoading: false, report: null });
  });

  it('drills into a figure with the same period and filters', async () => {
    const fake = createFakeApi();
    fake.answer('metrics:conversations', (query) => ok({ figure: query.figure, from: '', to: '', conversations: [], isTruncated: false }));
    const store = createQualityStore(fake.api, () => NOW);
    await store.getState().drillInto('failed');
    expect(fake.callsTo('metrics:conversations')).toEqual([{ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', figure: 'failed' }]);
    expect(store.getState().drill?.result?.figure).toBe('failed');
  });
});

describe('handoff quality wording', () => {
  it('turns the form days into a period that includes the whole last day', () => {
    expect(toQuery({ from: '2026-11-01', to: '2026-11-01', queue: '', intent: '', agent: '', channel: '' })).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
    });
  });

  it('reads durations, the CSAT gap and an unknown handoff rate as a supervisor would', () => {
    expect([formatDuration(45_000), formatDuration(200_000), formatDuration(3_900_000), formatDuration(null)]).toEqual(['45 s', '3 min 20 s', '1 h 05 min', '—']);
    expect([formatGap(-0.125), formatGap(0.1), formatGap(null)]).toEqual(['−12.5 pts', '+10 pts', '—']);
    const tiles = summaryTiles(report());
    expect(tiles.find((tile) => tile.label === 'Handoffs')).toEqual({ label: 'Handoffs', value: '10', detail: 'no bot sessions reported', figure: 'handoffs' });
    expect(tiles.find((tile) => tile.label.startsWith('CSAT gap'))?.value).toBe('−50 pts');
  });

  it('says on the journey timeline who let an offer time out and what the customer repeated', () => {
    expect(describeEntry({ at: '', part: 'human', kind: 'offer-ended', agentId: 'u1', agentName: 'Sam', outcome: 'expired', reason: null })).toBe('Sam let the offer time out');
    expect(describeEntry({ at: '', part: 'human', kind: 'repeat-ask', askKind: 'customer_restated', fieldKey: 'order_id', agentId: 'u1' })).toBe('Customer repeated order_id');
  });
});
