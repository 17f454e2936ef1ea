import { afterEach, describe, expect, it } from 'vitest';
import type { DrillDownResult, HandoffQualityReport, Journey } from '../../../src/shared/metrics';
import { tempDir } from '../../support/hub';
import { testDatabase } from '../../support/test-store';
import { ALEX, SAM, drivenHub } from './hub-driver';

type Driven = Awaited<ReturnType<typeof drivenHub>>;
const open: Driven[] = [];
afterEach(async () => {
  for (const driven of open.splice(0)) await driven.hub.app.close();
});
async function start(store?: { databaseFile?: string; databaseUrl?: string }): Promise<Driven> {
  const driven = await drivenHub(store);
  open.push(driven);
  return driven;
}

const PERIOD = 'from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z';
const withAccount = {
  fields: [
    { key: 'order_id', label: 'Order', value: '555', verified: true },
    { key: 'account_number', label: 'Account number', value: '351531510', verified: true },
  ],
};

/**
 * Five journeys through the hub's routes:
 * J1 Alex accepts after a minute, asks for the order number the bot had, solves it; rated 5.
 * J2 (customer asked for a human) offered to Sam, who declines; the customer leaves at 10:15.
 * J3 Sam accepts after two minutes, transfers to Alex, who accepts three minutes later; the
 *    customer restates their account number; not solved; rated 2.
 * J4 nobody online: still unanswered when the period ends.
 * J5 came directly (planned escalation, no bot turn): Alex in 30 s, solved, rated 4.
 */
async function knownJourneys(d: Driven): Promise<Record<string, string>> {
  d.at('10:00:00');
  await d.online(ALEX.id);
  const j1 = await d.handoff();
  d.at('10:01:00');
  await d.accept(ALEX.email, j1);
  await d.say(ALEX.email, j1, 'What is your order number?');
  d.at('10:20:00');
  await d.resolve(ALEX.email, j1, 'solved');
  await d.customerRates(j1, 5);

  d.at('10:10:00');
  await d.online(SAM.id);
  const j2 = await d.handoff({ reason: { kind: 'customer_requested' }, issue: { title: 'Parcel', intent: 'delivery_status' } });
  d.at('10:10:30');
  await d.decline(SAM.email, j2);
  d.at('10:15:00');
  await d.customerLeaves(j2);

  d.at('10:20:00');
  await d.online(SAM.id);
  const j3 = await d.handoff(withAccount);
  d.at('10:22:00');
  await d.accept(SAM.email, j3);
  d.at('10:30:00');
  await d.online(SAM.id, ALEX.id);
  await d.transfer(SAM.email, j3, ALEX.id);
  d.at('10:33:00');
  await d.accept(ALEX.email, j3);
  d.at('10:35:00');
  await d.customerSays(j3, 'My account number is 351531510, like I said.');
  d.at('10:50:00');
  await d.resolve(ALEX.email, j3, 'not_solved');
  await d.customerRates(j3, 2);

  d.at('11:00:00');
  await d.online();
  const j4 = await d.handoff();

  d.at('11:10:00');
  await d.online(ALEX.id);
  const direct = [{ id: 't1', at: '2026-11-20T11:09:00Z', author: 'customer' as const, text: 'I booked a callback' }];
  const j5 = await d.handoff({ reason: { kind: 'planned_escalation' }, transcript: direct });
  d.at('11:10:30');
  await d.accept(ALEX.email, j5);
  d.at('11:20:00');
  await d.resolve(ALEX.email, j5, 'solved');
  await d.customerRates(j5, 4);
  d.at('12:30:00');
  return { j1, j2, j3, j4, j5 };
}

const EXPECTED = {
  handoffs: 4,
  direct: 1,
  handoffRate: null,
  handoffRateNote: 'no bot sessions reported',
  reasons: { customer_requested: 1, bot_failure: 3, planned_escalation: 0, unknown: 0 },
  accepted: 3,
  timeToAccept: { count: 3, p50: 60_000, p90: 120_000, p99: 120_000 },
  customerWait: { count: 4, p50: 60_000, p90: 300_000, p99: 300_000 },
  abandonedBeforeAgent: 1,
  // J4 is offered to Alex when he comes online for J5, and never answered within the period.
  offers: { made: 6, accepted: 4, declined: 1, expired: 0, withdrawn: 0 },
  transfers: { total: 1, conversations: 1, beforeResolution: { none: 2, one: 1, twoOrMore: 0 } },
  timeToResolution: { count: 3, p50: 1_200_000, p90: 1_800_000, p99: 1_800_000 },
  resolved: 3,
  unresolved: { open: 1, abandoned: 1 },
  byDisposition: { solved: 2, not_solved: 1 },
  repeatInformation: {
    conversations: 3,
    withRepeatAsk: 2,
    rate: 2 / 3,
    byAgent: [
      { agentId: ALEX.id, agentName: 'Alex Agent', conversations: 3, withRepeatAsk: 2, rate: 2 / 3 },
      { agentId: SAM.id, agentName: 'Sam Agent', conversations: 1, withRepeatAsk: 0, rate: 0 },
    ],
    byIntent: [{ intent: 'refund_request', conversations: 3, withRepeatAsk: 2, rate: 2 / 3 }],
  },
  csat: {
    afterHandoff: { ratings: 2, satisfied: 1, csat: 0.5, mean: 3.5 },
    direct: { ratings: 1, satisfied: 1, csat: 1, mean: 4 },
    gap: -0.5,
  },
};

describe('GET /v1/metrics/handoff-quality through the hub', () => {
  it('gives every figure of journeys driven through the hub exactly', async () => {
    const d = await start();
    const ids = await knownJourneys(d);
    const response = await d.get('supervisor@demo', `/v1/metrics/handoff-quality?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as HandoffQualityReport;
    expect(report).toMatchObject(EXPECTED);
    expect(report.failedHandovers.items.map((item) => [item.conversationId, item.outcome])).toEqual([
      [ids.j2, 'abandoned'],
      [ids.j4, 'waiting'],
    ]);
    expect(report.failedHandovers.items[0]?.reason).toBe('every available agent with the skills has declined it');
  });

  it('gives the same figures after the hub restarts on the same data', async () => {
    // The same store across the restart: a SQLite file, or the suite's PostgreSQL database.
    const { databaseUrl } = await testDatabase();
    const store = databaseUrl ? { databaseUrl } : { databaseFile: `${tempDir()}/hub.sqlite` };
    const first = await start(store);
    await knownJourneys(first);
    const before = (await first.get('supervisor@demo', `/v1/metrics/handoff-quality?${PERIOD}`)).json() as HandoffQualityReport;
    await first.hub.app.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(store);
    const after = (await second.get('supervisor@demo', `/v1/metrics/handoff-quality?${PERIOD}`)).json() as HandoffQualityReport;
    expect(after).toMatchObject(EXPECTED);
    expect(after).toEqual(before);
  });

  it('refuses agents and unsigned requests', async () => {
    const d = await start();
    expect((await d.get(ALEX.email, `/v1/metrics/handoff-quality?${PERIOD}`)).statusCode).toBe(403);
    expect((await d.get(null, `/v1/metrics/handoff-quality?${PERIOD}`)).statusCode).toBe(401);
    expect((await d.get(ALEX.email, `/v1/metrics/conversations?figure=failed&${PERIOD}`)).statusCode).toBe(403);
  });

  it('answers a table as CSV when asked with Accept: text/csv', async () => {
    const d = await start();
    await knownJourneys(d);
    const response = await d.get('supervisor@demo', `/v1/metrics/handoff-quality?${PERIOD}&table=by-agent`, { accept: 'text/csv' });
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.split('\r\n')).toEqual([
      'key,label,conversations,accepted,abandoned_before_agent,resolved,transferred,time_to_accept_p50_ms,repeat_asked,repeat_rate,csat',
      'u_agent,Alex Agent,3,3,0,3,1,60000,2,0.6667,0.6667',
      'u_agent2,Sam Agent,1,1,0,1,1,120000,0,0,0',
      '',
    ]);
  });

  it('prefixes a bot-typed value that starts like a formula, so a spreadsheet shows it as text', async () => {
    const d = await start();
    d.at('10:00:00');
    await d.online();
    await d.handoff({ issue: { title: 'x', intent: '=HYPERLINK("http://evil","a,b")' } });
    d.at('11:00:00');
    const response = await d.get('supervisor@demo', `/v1/metrics/handoff-quality?${PERIOD}&table=by-intent&format=csv`);
    expect(response.body.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://evil"",""a,b"")","'=HYPERLINK(""http://evil"",""a,b"")",1,0,0,0,0,,0,,`);
  });

  it('lists the conversations behind a figure', async () => {
    const d = await start();
    const ids = await knownJourneys(d);
    const response = await d.get('supervisor@demo', `/v1/metrics/conversations?figure=repeat_asked&${PERIOD}`);
    const result = response.json() as DrillDownResult;
    expect(result.conversations.map((row) => [row.id, row.agents, row.state])).toEqual([
      [ids.j1, ['Alex Agent'], 'resolved'],
      [ids.j3, ['Sam Agent', 'Alex Agent'], 'resolved'],
    ]);
  });

  it('shows one journey with the bot part and the human part on one timeline', async () => {
    const d = await start();
    const ids = await knownJourneys(d);
    const response = await d.get('supervisor@demo', `/v1/conversations/${ids.j3}/journey`);
    expect(response.statusCode).toBe(200);
    const journey = response.json() as Journey;
    expect(journey).toMatchObject({ conversationId: ids.j3, isDirect: false, waitMs: 120_000, humanMs: 28 * 60_000 });
    const moments = journey.entries.filter((entry) => entry.kind !== 'turn').map((entry) => entry.kind);
    expect(moments).toEqual(['handoff', 'offered', 'joined', 'transferred', 'joined', 'repeat-ask', 'resolved', 'rated']);
    expect(journey.entries.slice(0, 2).map((entry) => [entry.part, entry.kind])).toEqual([['bot', 'turn'], ['bot', 'turn']]);
    expect((await d.get(SAM.email, `/v1/conversations/${ids.j1}/journey`)).statusCode).toBe(404);
  });
});
