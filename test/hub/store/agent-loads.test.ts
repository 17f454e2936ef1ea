import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../src/shared/conversation';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createConversationRepository, type ConversationRepository } from '../../../src/hub/store/conversations';
import { openHubDatabase, type HubDatabase } from '../../../src/hub/store/database';
import { envelope, tempDir } from '../../support/hub';

const AGENTS = ['u_ana', 'u_ben', 'u_cy'] as const;
const STATES: ConversationState[] = ['queued', 'offered', 'assigned', 'transferred', 'resolved', 'abandoned', 'returned_to_bot'];
const CONVERSATIONS = 6;
const AT = '2026-11-21T08:00:00.000Z';

/** The grouped query loads() used to run on every dispatch: the truth the memory must equal. */
const LOADS_BY_QUERY = `SELECT agent, count(*) AS active FROM (
  SELECT assigned_agent_id AS agent FROM conversations WHERE state = 'assigned'
  UNION ALL SELECT offered_agent_id FROM conversations WHERE offered_agent_id IS NOT NULL
) WHERE agent IS NOT NULL GROUP BY agent`;

const opened: HubDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function store(file = ':memory:') {
  const db = openHubDatabase(file);
  opened.push(db);
  const accounts = createAccountRepository(db);
  accounts.saveQueue('support', 'Support');
  accounts.saveIntegration('shop-bot', 'Shop bot', 'token', 'support');
  const conversations = createConversationRepository(db);
  const byQuery = (): Map<string, number> =>
    new Map(db.prepare<[], { agent: string; active: number }>(LOADS_BY_QUERY).all().map((row) => [row.agent, row.active]));
  return { db, conversations, byQuery };
}

function seed(conversations: ConversationRepository, ids: string[]): void {
  for (const id of ids) {
    conversations.insert({
      id,
      integrationId: 'shop-bot',
      state: 'queued',
      queue: 'support',
      owner: { kind: 'queue', id: 'support', name: 'Support', since: AT, why: 'handed off' },
      at: AT,
      envelope: envelope({ id: `shop-bot:${id}:1` }),
      priority: 0,
      skills: [],
      language: null,
      previousConversationId: null,
    });
  }
}

const write = (conversations: ConversationRepository, change: { id: number; state: ConversationState; offered: string | null; assigned: string | null }) =>
  conversations.update(`c_${change.id}`, {
    state: change.state,
    owner: { kind: 'queue', id: 'support', name: 'Support', since: AT, why: 'test' },
    offer: change.offered ? { agentId: change.offered, offeredAt: AT, expiresAt: null } : null,
    assignedAgentId: change.assigned,
    at: AT,
  });

const agent = fc.option(fc.constantFrom(...AGENTS), { nil: null });
const change = fc.record({ id: fc.nat(CONVERSATIONS - 1), state: fc.constantFrom(...STATES), offered: agent, assigned: agent });
/** One transaction of writes, looked at inside or not, committed or rolled back, and a tick let pass after it or not. */
const step = fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 4 }), isCheckedInside: fc.boolean(), isRolledBack: fc.boolean(), isTickPassed: fc.boolean() });
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('agent loads kept in memory', () => {
  it('equal the grouped query after any sequence of writes, inside and outside transactions, committed or rolled back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.boolean(), async (steps, isReadFirst) => {
        const { db, conversations, byQuery } = store();
        seed(conversations, Array.from({ length: CONVERSATIONS }, (_, index) => `c_${index}`));
        if (isReadFirst) expect(conversations.loads()).toEqual(byQuery());
        for (const { changes, isCheckedInside, isRolledBack, isTickPassed } of steps) {
          try {
            db.transaction(() => {
              for (const each of changes) write(conversations, each);
              if (isCheckedInside) expect(conversations.loads()).toEqual(byQuery());
              if (isRolledBack) throw new Error('rolled back');
            })();
          } catch (error) {
            if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
          }
          expect(conversations.loads()).toEqual(byQuery());
          if (isTickPassed) await nextTick();
        }
        await nextTick();
        expect(conversations.loads()).toEqual(byQuery());
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('are read from what is stored after a restart', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const before = store(file);
    seed(before.conversations, ['c_0', 'c_1', 'c_2']);
    write(before.conversations, { id: 0, state: 'assigned', offered: null, assigned: 'u_ana' });
    write(before.conversations, { id: 1, state: 'offered', offered: 'u_ana', assigned: null });
    write(before.conversations, { id: 2, state: 'offered', offered: 'u_ben', assigned: null });
    expect(before.conversations.loads()).toEqual(new Map([['u_ana', 2], ['u_ben', 1]]));
    before.db.close();

    const after = store(file);
    expect(after.conversations.loads()).toEqual(new Map([['u_ana', 2], ['u_ben', 1]]));
    write(after.conversations, { id: 1, state: 'resolved', offered: null, assigned: 'u_ana' });
    await nextTick();
    expect(after.conversations.loads()).toEqual(new Map([['u_ana', 1], ['u_ben', 1]]));
  });

  it('count a write made through a second repository on the same database', () => {
    const { db, conversations, byQuery } = store();
    seed(conversations, ['c_0']);
    expect(conversations.loads()).toEqual(new Map());
    write(createConversationRepository(db), { id: 0, state: 'offered', offered: 'u_cy', assigned: null });
    expect(conversations.loads()).toEqual(new Map([['u_cy', 1]]));
    expect(conversations.loads()).toEqual(byQuery());
  });
});
