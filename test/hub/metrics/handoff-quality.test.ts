import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffQuality, type MetricsScope } from '../../../src/hub/metrics/handoff-quality';
import type { HubDatabase } from '../../../src/hub/store/database';
import { openTestStore } from '../../support/test-store';
import { ALEX, SAM, at, journeyLog } from './journey-log';

const open: HubDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

const PERIOD = { from: at('10:00:00'), to: at('12:00:00') };
const scope = (filter: MetricsScope['filter'] = {}): MetricsScope => ({ ...PERIOD, queues: ['support', 'billing'], filter });
const botTurnsOnly = [{ id: 't1', at: '2026-11-20T09:59:00Z', author: 'customer' as const, text: 'Call me back please' }];

/**
 * Six journeys handed off between 10:00 and 12:00, and two that fall outside:
 * C1 accepted by Alex in a minute, a repeat-ask, solved, rated 5.
 * C2 declined by Alex, timed out at Sam, routing waits for a skill, the customer leaves at 10:15.
 * C3 accepted by Sam, transferred to the queue, accepted by Alex, the customer restates, not solved, rated 2.
 * C4 came directly (planned escalation, no bot turn), accepted in 30 s, solved, rated 4.
 * C5 (billing) accepted by Sam after 4 minutes, still open.
 * C6 handed off at 11:50, still waiting when the period ends.
 */
async function knownJourneys(db: HubDatabase): Promise<void> {
  const log = journeyLog(db);
  await log.handoff('C0', '09:50:00');
  await log.assigned('C0', '10:02:00', ALEX);
  await log.rated('C0', '10:03:00', 1);

  await log.handoff('C1', '10:00:00');
  await log.offered('C1', '10:00:00', ALEX);
  await log.assigned('C1', '10:01:00', ALEX);
  await log.repeatAsk('C1', '10:05:00', 'agent_asked', ALEX);
  await log.resolved('C1', '10:20:00', ALEX, 'solved');
  await log.rated('C1', '10:21:00', 5);

  await log.handoff('C2', '10:10:00', { reason: { kind: 'customer_requested' }, issue: { title: 'Parcel', intent: 'delivery_status' }, routing: { channel: 'whatsapp' } });
  await log.offered('C2', '10:10:00', ALEX);
  await log.offerEnded('C2', '10:10:30', ALEX, 'declined', 'busy');
  await log.offered('C2', '10:10:30', SAM);
  await log.offerEnded('C2', '10:11:00', SAM, 'expired');
  await log.waiting('C2', '10:11:00', 'no agent with skill refunds online');
  await log.abandoned('C2', '10:15:00', 300_000);

  await log.handoff('C3', '10:20:00');
  await log.offered('C3', '10:20:00', SAM);
  await log.assigned('C3', '10:22:00', SAM);
  await log.transferredToQueue('C3', '10:30:00', SAM, 'support');
  await log.offered('C3', '10:30:00', ALEX);
  await log.assigned('C3', '10:33:00', ALEX);
  await log.repeatAsk('C3', '10:35:00', 'customer_restated', ALEX);
  await log.resolved('C3', '10:50:00', ALEX, 'not_solved');
  await log.rated('C3', '10:51:00', 2);

  await log.handoff('C4', '10:30:00', { reason: { kind: 'planned_escalation' }, issue: { title: 'Callback' }, transcript: botTurnsOnly, routing: { channel: 'voice' } });
  await log.offered('C4', '10:30:00', ALEX);
  await log.assigned('C4', '10:30:30', ALEX);
  await log.resolved('C4', '10:40:00', ALEX, 'solved');
  await log.rated('C4', '10:41:00', 4);

  await log.handoff('C5', '11:00:00', { reason: { kind: 'unknown' }, issue: { title: 'Invoice', intent: 'billing_question' } }, 'billing');
  await log.offered('C5', '11:00:00', SAM);
  await log.assigned('C5', '11:04:00', SAM);

  await log.handoff('C6', '11:50:00', { reason: { kind: 'planned_escalation' } });
  await log.handoff('C7', '12:00:00');
}

const ratings = (ratings: number, satisfied: number, csat: number | null, mean: number | null) => ({ ratings, satisfied, csat, mean });

describe('handoff-quality report from the event log', () => {
  it('gives every figure of a known set of journeys exactly', async () => {
    const db = await openTestStore();
    open.push(db);
    await knownJourneys(db);
    const report = await createHandoffQuality(db).report(scope());

    expect(report).toMatchObject({
      handoffs: 5,
      direct: 1,
      containedBotSessions: null,
      handoffRate: null,
      handoffRateNote: 'no bot sessions reported',
      reasons: { customer_requested: 1, bot_failure: 2, planned_escalation: 1, unknown: 1 },
      reasonsOverTime: [
        { bucket: at('10:00:00'), reasons: { customer_requested: 1, bot_failure: 2, planned_escalation: 0, unknown: 0 } },
        { bucket: at('11:00:00'), reasons: { customer_requested: 0, bot_failure: 0, planned_escalation: 1, unknown: 1 } },
      ],
      accepted: 4,
      timeToAccept: { count: 4, p50: 60_000, p90: 240_000, p99: 240_000 },
      customerWait: { count: 5, p50: 240_000, p90: 300_000, p99: 300_000 },
      abandonedBeforeAgent: 1,
      abandonedBeforeAgentRate: 1 / 6,
      offers: { made: 7, accepted: 5, declined: 1, expired: 1, withdrawn: 0 },
      transfers: { total: 1, conversations: 1, beforeResolution: { none: 2, one: 1, twoOrMore: 0 } },
      timeToResolution: { count: 3, p50: 1_200_000, p90: 1_800_000, p99: 1_800_000 },
      resolved: 3,
      unresolved: { open: 2, abandoned: 1 },
      byDisposition: { solved: 2, not_solved: 1 },
    });
    expect(report.repeatInformation).toEqual({
      conversations: 4,
      withRepeatAsk: 2,
      rate: 0.5,
      byAgent: [
        { agentId: ALEX.id, agentName: 'Alex Agent', conversations: 3, withRepeatAsk: 2, rate: 2 / 3 },
        { agentId: SAM.id, agentName: 'Sam Agent', conversations: 2, withRepeatAsk: 0, rate: 0 },
      ],
      byIntent: [
        { intent: 'refund_request', conversations: 2, withRepeatAsk: 2, rate: 1 },
        { intent: '', conversations: 1, withRepeatAsk: 0, rate: 0 },
        { intent: 'billing_question', conversations: 1, withRepeatAsk: 0, rate: 0 },
      ],
    });
    expect(report.csat).toEqual({
      afterHandoff: ratings(2, 1, 0.5, 3.5),
      direct: ratings(1, 1, 1, 4),
      gap: -0.5,
      byReason: [
        { reason: 'customer_requested', ...ratings(0, 0, null, null), gap: null },
        { reason: 'bot_failure', ...ratings(2, 1, 0.5, 3.5), gap: -0.5 },
        { reason: 'planned_escalation', ...ratings(0, 0, null, null), gap: null },
        { reason: 'unknown', ...ratings(0, 0, null, null), gap: null },
      ],
    });
    expect(report.failedHandovers).toEqual({
      total: 2,
      byReason: [
        { reason: 'no agent free', count: 1 },
        { reason: 'no agent with skill refunds online', count: 1 },
      ],
      items: [
        { conversationId: 'C2', queue: 'support', intent: 'delivery_status', handedOffAt: at('10:10:00'), outcome: 'abandoned', reason: 'no agent with skill refunds online', waitedMs: 300_000 },
        { conversationId: 'C6', queue: 'support', intent: 'refund_request', handedOffAt: at('11:50:00'), outcome: 'waiting', reason: 'no agent free', waitedMs: 600_000 },
      ],
    });
    expect(report.byQueue).toEqual([
      { key: 'support', label: 'support', conversations: 5, accepted: 3, abandonedBeforeAgent: 1, resolved: 3, transferred: 1, timeToAcceptP50Ms: 60_000, repeatAsked: 2, repeatRate: 2 / 3, csat: 2 / 3 },
      { key: 'billing', label: 'billing', conversations: 1, accepted: 1, abandonedBeforeAgent: 0, resolved: 0, transferred: 0, timeToAcceptP50Ms: 240_000, repeatAsked: 0, repeatRate: 0, csat: null },
    ]);
    expect(report.byChannel.map((row) => [row.key, row.conversations])).toEqual([['web', 4], ['voice', 1], ['whatsapp', 1]]);
    expect(report.byAgent.map((row) => [row.label, row.conversations, row.repeatAsked])).toEqual([['Alex Agent', 3, 2], ['Sam Agent', 2, 0]]);
  });

  it('narrows every figure to the conversations an agent accepted when filtered by agent', async () => {
    const db = await openTestStore();
    open.push(db);
    await knownJourneys(db);
    const report = await createHandoffQuality(db).report(scope({ agent: SAM.id }));
    expect(report).toMatchObject({ handoffs: 2, direct: 0, accepted: 2, resolved: 1, transfers: { total: 1, conversations: 1 } });
    expect(report.timeToAccept).toEqual({ count: 2, p50: 120_000, p90: 240_000, p99: 240_000 });
  });

  it('leaves out conversations of queues the supervisor does not watch', async () => {
    const db = await openTestStore();
    open.push(db);
    await knownJourneys(db);
    const report = await createHandoffQuality(db).report({ ...scope(), queues: ['billing'] });
    expect(report.handoffs).toBe(1);
    expect(report.byQueue.map((row) => row.key)).toEqual(['billing']);
  });

  it('counts a resolution and a decline once, from their own events, when a state change is logged beside each', async () => {
    const db = await openTestStore();
    open.push(db);
    const log = journeyLog(db);
    await log.handoff('L1', '10:00:00');
    await log.offered('L1', '10:00:00', ALEX);
    await log.legacyStateChange('L1', '10:00:20', 'queued', 'declined by Alex Agent: busy');
    await log.offerEnded('L1', '10:00:20', ALEX, 'declined', 'busy');
    await log.offered('L1', '10:00:20', SAM);
    await log.assigned('L1', '10:01:00', SAM);
    await log.legacyStateChange('L1', '10:09:00', 'resolved', 'resolved by Sam Agent');
    await log.resolved('L1', '10:09:00', SAM, 'solved');
    const report = await createHandoffQuality(db).report(scope());
    expect(report.offers).toEqual({ made: 2, accepted: 1, declined: 1, expired: 0, withdrawn: 0 });
    expect(report.resolved).toBe(1);
    expect(report.timeToResolution.p50).toBe(540_000);
  });

  it('says a customer still waiting has waited until now, not until the end of a period still running', async () => {
    const db = await openTestStore();
    open.push(db);
    await journeyLog(db).handoff('W1', '11:50:00');
    const eightMinutesLater = Date.parse(at('11:58:00'));
    const [waiting] = (await createHandoffQuality(db, () => eightMinutesLater).report(scope())).failedHandovers.items;
    expect(waiting).toMatchObject({ conversationId: 'W1', outcome: 'waiting', waitedMs: 8 * 60_000 });
  });

  it('lists the conversations behind a figure for drill-down', async () => {
    const db = await openTestStore();
    open.push(db);
    await knownJourneys(db);
    const quality = createHandoffQuality(db);
    expect((await quality.drillDown(scope(), 'failed')).conversations.map((row) => [row.id, row.state])).toEqual([['C2', 'abandoned'], ['C6', 'waiting']]);
    expect((await quality.drillDown(scope(), 'repeat_asked')).conversations.map((row) => [row.id, row.agents])).toEqual([['C1', ['Alex Agent']], ['C3', ['Sam Agent', 'Alex Agent']]]);
    expect((await quality.drillDown(scope(), 'bot_failure')).conversations.map((row) => row.id)).toEqual(['C1', 'C3']);
    expect((await quality.drillDown(scope(), 'direct')).conversations.map((row) => row.id)).toEqual(['C4']);
  });
});
