import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubStoreTooNewError, openHubDatabase, openSqliteFile, type HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { tempDir } from '../../support/hub';
import { onPostgres, openTestStore } from '../../support/test-store';

const message = (text: string) => ({ type: 'message:added' as const, message: { id: text, conversationId: 'c1', at: '2026-11-20T10:00:00Z', author: 'customer' as const, text } });

const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('the hub event log', () => {
  it('gives each agent only the events addressed to them, after the seq they resume from', async () => {
    const db = await openTestStore();
    opened.push(db);
    const log = createEventLog(db);
    const append = (conversationId: string, at: string, text: string, audience: string[]) =>
      db.write(() => log.append({ conversationId, queue: 'support', at, body: message(text), audience }));
    const first = await append('c1', '2026-11-20T10:00:00Z', 'one', ['alex']);
    await append('c2', '2026-11-20T10:00:01Z', 'for sam', ['sam']);
    const third = await append('c1', '2026-11-20T10:00:02Z', 'two', ['alex']);
    expect(third.event.seq).toBeGreaterThan(first.event.seq);
    expect((await log.forAgent('alex', 0, 100)).map((event) => event.seq)).toEqual([first.event.seq, third.event.seq]);
    expect((await log.forAgent('alex', first.event.seq, 100)).map((event) => event.seq)).toEqual([third.event.seq]);
    expect(await log.forAgent('sam', 0, 100)).toHaveLength(1);
    expect(await log.countForAgent('alex', first.event.seq)).toBe(1);
    expect((await log.forQueues(['support'], 0, 100)).map((event) => event.type === 'message:added' && event.message.text)).toEqual(['one', 'for sam', 'two']);
    expect(await log.forQueues(['billing'], 0, 100)).toHaveLength(0);
    expect(await log.latestSeq()).toBe(third.event.seq);
  });

  it('keeps nothing of an append whose write rolls back: no event, no audience', async () => {
    const db = await openTestStore();
    opened.push(db);
    const log = createEventLog(db);
    const failing = db.write(async () => {
      await log.append({ conversationId: 'c1', queue: 'support', at: '2026-11-20T10:00:00Z', body: message('lost'), audience: ['alex'] });
      throw new Error('the change it recorded was refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(await log.latestSeq()).toBe(0);
    expect(await log.forAgent('alex', 0, 100)).toEqual([]);
  });

  it.skipIf(onPostgres)('refuses to open a SQLite store newer than this hub knows (SQLite file only)', async () => {
    const file = join(tempDir(), 'hub.sqlite');
    const raw = openSqliteFile(file);
    raw.pragma('user_version = 999');
    raw.close();
    await expect(openHubDatabase(file)).rejects.toThrow(HubStoreTooNewError);
  });
});
