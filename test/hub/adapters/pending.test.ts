import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPendingTranscripts, type PrunablePendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { createSqlitePendingTranscripts } from '../../../src/hub/adapters/pending-sqlite';
import type { HubDatabase } from '../../../src/hub/store/database';
import type { Turn } from '../../../src/shared/envelope';
import { openTestStore } from '../../support/test-store';

const turn = (id: string, text = id): Turn => ({ id, at: '2026-11-20T10:00:00.000Z', author: 'customer', text });

const opened: HubDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});
const store = async (): Promise<HubDatabase> => {
  const db = await openTestStore();
  opened.push(db);
  return db;
};

const stores: [string, (now: () => Date) => Promise<PrunablePendingTranscripts>][] = [
  ['memory', async (now) => createMemoryPendingTranscripts(now)],
  ['hub store', async (now) => createSqlitePendingTranscripts(await store(), now)],
];

describe.each(stores)('%s pending transcripts', (_name, create) => {
  it('returns turns in the order appended, once each, and merges meta key by key', async () => {
    const pending = await create(() => new Date());
    await pending.remember('k', { contactName: 'Ana', contactEmail: 'ana@example.com' });
    await pending.append('k', turn('a'), { contactName: 'Ana B' });
    await pending.append('k', turn('b'));
    await pending.append('k', turn('a', 'retried'));
    expect(await pending.read('k')).toEqual({ turns: [turn('a'), turn('b')], meta: { contactName: 'Ana B', contactEmail: 'ana@example.com' } });
    expect(await pending.read('other')).toEqual({ turns: [], meta: {} });
  });

  it('forgets a key when cleared', async () => {
    const pending = await create(() => new Date());
    await pending.append('k', turn('a'), { x: 1 });
    await pending.clear('k');
    expect(await pending.read('k')).toEqual({ turns: [], meta: {} });
  });

  it('keeps a __proto__ key of meta as plain data without touching any prototype', async () => {
    const pending = await create(() => new Date());
    await pending.remember('k', JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>);
    const { meta } = await pending.read('k');
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(meta.name).toBe('x');
  });

  it('prunes conversations untouched since the cutoff and keeps recent ones', async () => {
    let clock = new Date('2026-11-20T10:00:00Z');
    const pending = await create(() => clock);
    await pending.append('old', turn('a'));
    clock = new Date('2026-11-21T10:00:00Z');
    await pending.append('new', turn('b'));
    expect(await pending.prune(new Date('2026-11-21T00:00:00Z'))).toBe(1);
    expect((await pending.read('old')).turns).toEqual([]);
    expect((await pending.read('new')).turns).toEqual([turn('b')]);
  });
});

describe('pending transcripts in the hub store', () => {
  it('survive reopening the repository on the same store', async () => {
    const db = await store();
    await createSqlitePendingTranscripts(db).append('k', turn('a'), { n: 1 });
    expect(await createSqlitePendingTranscripts(db).read('k')).toEqual({ turns: [turn('a')], meta: { n: 1 } });
  });

  it('keep only the latest turns a handoff can hold', async () => {
    const db = await store();
    const pending = createSqlitePendingTranscripts(db);
    await db.write(async () => {
      for (let i = 0; i < 5003; i += 1) await pending.append('k', turn(`t${i}`));
    });
    const { turns } = await pending.read('k');
    expect(turns).toHaveLength(5000);
    expect(turns[0]?.id).toBe('t3');
  }, 60_000);
});
