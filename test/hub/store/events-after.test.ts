import { afterEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { openTestStore } from '../../support/test-store';

const message = (text: string) => ({ type: 'message:added' as const, message: { id: text, conversationId: 'c1', at: '2026-11-20T10:00:00Z', author: 'customer' as const, text } });

const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('the event log as every replica follows it', () => {
  it('gives each event after a seq with its queue and its whole audience, oldest first, up to the limit', async () => {
    const db = await openTestStore();
    opened.push(db);
    const log = createEventLog(db);
    const append = (queue: string, text: string, audience: string[]) =>
      db.write(() => log.append({ conversationId: 'c1', queue, at: '2026-11-20T10:00:00Z', body: message(text), audience }));
    const first = await append('support', 'one', ['sam', 'alex']);
    await append('billing', 'nobody but supervisors', []);
    await append('support', 'three', Array.from({ length: 40 }, (_, i) => `agent-${String(i).padStart(2, '0')}`));
    await append('support', 'four', ['kim']);

    const followed = await log.after(first.event.seq, 2);
    expect(followed.map(({ event, queue, audience }) => ({ text: event.type === 'message:added' && event.message.text, queue, audience: audience.length }))).toEqual([
      { text: 'nobody but supervisors', queue: 'billing', audience: 0 },
      { text: 'three', queue: 'support', audience: 40 },
    ]);
    expect(followed[1]?.audience).toContain('agent-39');
    const all = await log.after(0, 100);
    expect(all.map(({ event }) => event.seq)).toEqual([...all.map(({ event }) => event.seq)].sort((a, b) => a - b));
    expect(all[0]?.audience.sort()).toEqual(['alex', 'sam']);
    expect(all.at(-1)?.audience).toEqual(['kim']);
    expect(await log.after(all.at(-1)?.event.seq ?? 0, 100)).toEqual([]);
  });
});
