import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { StoreUnavailableError, type Sql } from '../../../src/hub/store/sql/sql';
import { demoHub, envelope, integrationAuth } from '../../support/hub';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
});

/** Every statement fails as a PostgreSQL that went away fails, until the returned function brings it back. */
function takeStoreAway(db: Sql): () => void {
  const kept = { all: db.all, get: db.get, run: db.run, write: db.write };
  const away = () => Promise.reject(new StoreUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
  Object.assign(db, { all: away, get: away, run: away, write: away });
  return () => Object.assign(db, kept);
}

describe('a hub whose database is away', () => {
  it('answers 503 store_unavailable with Retry-After, applies nothing, and serves again once it is back', async () => {
    hub = await demoHub();
    const handoff = envelope();
    const bringBack = takeStoreAway(hub.db);

    const health = await hub.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('2');
    expect(health.json()).toMatchObject({ error: { code: 'store_unavailable', message: expect.stringMatching(/database/) } });
    const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: handoff });
    expect(posted.statusCode).toBe(503);
    expect(posted.json()).toMatchObject({ error: { code: 'store_unavailable' } });

    bringBack();
    expect((await hub.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // The bot's retry of the refused handoff is its first: created, not a duplicate.
    const retried = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: handoff });
    expect(retried.statusCode).toBe(201);
    expect((await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM conversations'))?.n).toBe(1);
  });
});
