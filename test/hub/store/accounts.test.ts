import { afterEach, describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createUserRepository } from '../../../src/hub/store/users';
import { openTestStore } from '../../support/test-store';

const agent = (id: string, queues: string[], skills: string[] = []) => ({
  id,
  email: `${id}@example.test`,
  name: id,
  role: 'agent' as const,
  passwordHash: 'x',
  capacity: 2,
  queues,
  skills,
});

const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});
const store = async () => {
  const db = await openTestStore();
  opened.push(db);
  return db;
};

describe('the account store', () => {
  it("answers a queue's members as the store holds them, seeing a newly saved or changed agent at once", async () => {
    const accounts = createAccountRepository(await store());
    await accounts.saveQueue('billing', 'Billing');
    await accounts.saveQueue('fraud', 'Fraud');
    await accounts.saveUser(agent('alex', ['billing']));
    expect((await accounts.agentsOfQueue('billing')).map((a) => a.id)).toEqual(['alex']);

    await accounts.saveUser(agent('sam', ['billing', 'fraud']));
    expect((await accounts.agentsOfQueue('billing')).map((a) => a.id)).toEqual(['alex', 'sam']);
    expect((await accounts.agentsOfQueue('billing')).find((a) => a.id === 'sam')?.queues).toEqual(['billing', 'fraud']);
    await accounts.saveUser(agent('alex', ['billing'], ['refunds']));
    expect((await accounts.agentsOfQueue('billing')).find((a) => a.id === 'alex')?.skills).toEqual(['refunds']);
    expect((await accounts.agentsOfQueue('fraud')).map((a) => a.id)).toEqual(['sam']);
  });

  it('sees memberships and deactivations changed by the admin side (or another replica) without being told', async () => {
    const db = await store();
    const accounts = createAccountRepository(db);
    const users = createUserRepository(db);
    await accounts.saveQueue('billing', 'Billing');
    await accounts.saveQueue('fraud', 'Fraud');
    await accounts.saveUser(agent('alex', ['billing']));
    await accounts.saveUser(agent('sam', ['billing']));
    expect((await accounts.agentsOfQueue('fraud')).map((a) => a.id)).toEqual([]);

    await users.setQueues('alex', ['fraud']);
    await users.deactivate('sam', new Date('2026-11-20T10:00:00Z'));
    expect((await accounts.agentsOfQueue('fraud')).map((a) => a.id)).toEqual(['alex']);
    expect((await accounts.agentsOfQueue('billing')).map((a) => a.id)).toEqual([]);
    expect((await accounts.agents()).map((a) => [a.id, a.queues])).toEqual([['alex', ['fraud']]]);
  });

  it('opens a session for its token until it expires, and ends it on sign-out', async () => {
    const accounts = createAccountRepository(await store());
    await accounts.saveUser(agent('alex', []));
    const now = new Date('2026-11-20T10:00:00Z');
    await accounts.createSession('token-1', 'alex', now, 60_000);
    expect((await accounts.userForSession('token-1', now))?.id).toBe('alex');
    expect(await accounts.userForSession('token-1', new Date(now.getTime() + 60_000))).toBeNull();
    await accounts.endSession('token-1');
    expect(await accounts.userForSession('token-1', now)).toBeNull();
  });
});
