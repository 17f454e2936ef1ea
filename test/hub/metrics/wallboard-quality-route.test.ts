import { afterEach, describe, expect, it } from 'vitest';
import { ALEX, drivenHub } from './hub-driver';

type Driven = Awaited<ReturnType<typeof drivenHub>>;
const open: Driven[] = [];
afterEach(async () => {
  for (const driven of open.splice(0)) await driven.hub.app.close();
});

const WALLBOARD = 'wallboard@demo';
const TODAY = 'from=2026-11-20T00:00:00Z&to=2026-11-20T12:00:00Z';

/** One handoff Alex takes, solves and the customer rates 5; one nobody takes before the customer leaves. */
async function morning(): Promise<{ d: Driven; taken: string; failed: string }> {
  const d = await drivenHub();
  open.push(d);
  d.at('10:00:00');
  await d.online(ALEX.id);
  const taken = await d.handoff();
  d.at('10:01:00');
  await d.accept(ALEX.email, taken);
  d.at('10:05:00');
  await d.resolve(ALEX.email, taken, 'solved');
  await d.customerRates(taken, 5);
  d.at('10:10:00');
  await d.online();
  const failed = await d.handoff({ reason: { kind: 'customer_requested' } });
  d.at('10:15:00');
  await d.customerLeaves(failed);
  return { d, taken, failed };
}

describe('handoff quality on the wallboard', () => {
  it('gives a wallboard the aggregate figures of today and nothing that names a conversation', async () => {
    const { d, taken, failed } = await morning();
    const response = await d.get(WALLBOARD, `/v1/metrics/handoff-quality?${TODAY}`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-20T12:00:00.000Z',
      handoffs: 2,
      failedHandovers: 1,
      abandonedBeforeAgent: 1,
      repeatRate: 0,
      csatAfterHandoff: 1,
      csatDirect: null,
      csatGap: null,
    });
    expect(response.body).not.toContain(taken);
    expect(response.body).not.toContain(failed);
  });

  it('keeps tables and the drill-down behind a figure for supervisors', async () => {
    const { d } = await morning();

    expect((await d.get(WALLBOARD, `/v1/metrics/handoff-quality?${TODAY}&format=csv&table=failed-handovers`)).statusCode).toBe(403);
    expect((await d.get(WALLBOARD, `/v1/metrics/conversations?figure=failed&${TODAY}`)).statusCode).toBe(403);
    expect((await d.get('supervisor@demo', `/v1/metrics/handoff-quality?${TODAY}`)).json()).toMatchObject({ failedHandovers: { total: 1 } });
  });
});
