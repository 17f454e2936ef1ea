import type { FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { integrationOfRequest } from '../../../src/hub/auth/integration-token';
import type { Integration } from '../../../src/hub/store/accounts';
import { demoHub, envelope, integrationAuth } from '../../support/hub';

const SHOP: Integration = { id: 'shop-bot', name: 'Shop bot', defaultQueue: 'support', signingSecret: null };

/** Accounts that know one token, counting how often a token is looked up (hashed and queried). */
function accounts() {
  const seen: string[] = [];
  return {
    seen,
    async integrationByToken(token: string): Promise<Integration | null> {
      seen.push(token);
      await new Promise((resolve) => setImmediate(resolve));
      return token === 'shop-token' ? SHOP : null;
    },
  };
}

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as unknown as FastifyRequest;

describe('the integration a request names', () => {
  it('looks a request\'s token up once however often it is asked (rate limiter, then authentication), even while the lookup runs', async () => {
    const repository = accounts();
    const first = request('Bearer shop-token');
    expect(await Promise.all([integrationOfRequest(repository, first), integrationOfRequest(repository, first)])).toEqual([SHOP, SHOP]);
    expect(await integrationOfRequest(repository, first)).toEqual(SHOP);
    expect(repository.seen).toEqual(['shop-token']);
  });

  it('looks each new request up again, so one request\'s answer never serves another', async () => {
    const repository = accounts();
    expect(await integrationOfRequest(repository, request('Bearer shop-token'))).toEqual(SHOP);
    expect(await integrationOfRequest(repository, request('Bearer other-token'))).toBeNull();
    expect(await integrationOfRequest(repository, request('Bearer shop-token'))).toEqual(SHOP);
    expect(repository.seen).toEqual(['shop-token', 'other-token', 'shop-token']);
  });

  it('answers null without a bearer token and without looking anything up', async () => {
    const repository = accounts();
    const anonymous = request();
    expect(await integrationOfRequest(repository, anonymous)).toBeNull();
    expect(await integrationOfRequest(repository, anonymous)).toBeNull();
    expect(repository.seen).toEqual([]);
  });
});

describe('a rotated integration token on POST /v1/handoffs', () => {
  let hub: Hub;
  beforeEach(async () => {
    hub = await demoHub();
  });
  afterEach(() => hub.app.close());

  const post = (authorization: string, id: string) =>
    hub.app.inject({
      method: 'POST',
      url: '/v1/handoffs',
      headers: { 'content-type': 'application/json', authorization },
      payload: JSON.stringify(envelope({ id })),
    });

  it('is refused from the next request on, and the new token is taken at once', async () => {
    expect((await post(integrationAuth.authorization, 'demo-bot:rot-1:1')).statusCode).toBe(201);
    const integration = (await hub.context.accounts.integrationByToken(integrationAuth.authorization.slice('Bearer '.length)))!;
    await hub.context.accounts.saveIntegration(integration.id, integration.name, 'rotated-token', integration.defaultQueue, integration.signingSecret);

    const old = await post(integrationAuth.authorization, 'demo-bot:rot-2:1');
    expect(old.statusCode).toBe(401);
    expect((await post('Bearer rotated-token', 'demo-bot:rot-3:1')).statusCode).toBe(201);
    expect((await post(integrationAuth.authorization, 'demo-bot:rot-4:1')).statusCode).toBe(401);
  });
});
