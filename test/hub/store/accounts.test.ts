import { describe, expect, it } from 'vitest';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { openHubDatabase } from '../../../src/hub/store/database';

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

describe('the account store', () => {
  it("answers a queue's members from memory, and sees a newly saved or changed agent at once", () => {
    const accounts = createAccountRepository(openHubDatabase(':memory:'));
    accounts.saveQueue('billing', 'Billing');
    accounts.saveQueue('fraud', 'Fraud');
    accounts.saveUser(agent('alex', ['billing']));
    const first = accounts.agentsOfQueue('billing');
    expect(first.map((a) => a.id)).toEqual(['alex']);
    // Read twice without a change: the same list, not a second query.
    expect(accounts.agentsOfQueue('billing')).toBe(first);

    accounts.saveUser(agent('sam', ['billing', 'fraud']));
    expect(accounts.agentsOfQueue('billing').map((a) => a.id).sort()).toEqual(['alex', 'sam']);
    accounts.saveUser(agent('alex', ['billing'], ['refunds']));
    expect(accounts.agentsOfQueue('billing').find((a) => a.id === 'alex')?.skills).toEqual(['refunds']);
    expect(accounts.agentsOfQueue('fraud').map((a) => a.id)).toEqual(['sam']);
  });
});
