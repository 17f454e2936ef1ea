import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMemoryPendingTranscripts, type PrunablePendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { ADAPTER_PENDING_DDL, createSqlitePendingTranscripts } from '../../../src/hub/adapters/pending-sqlite';
import type { Turn } from '../../../src/shared/envelope';

const turn = (id: string, text = id): Turn => ({ id, at: '2026-11-20T10:00:00.000Z', author: 'customer', text });

const stores: [string, (now: () => Date) => PrunablePendingTranscripts][] = [
  ['memory', (now) => createMemoryPendingTranscripts(now)],
  [
    'sqlite',
    (now) => {
      const db = new Database(':memory:');
      db.exec(ADAPTER_PENDING_DDL);
      return createSqlitePendingTranscripts(db, now);
    },
  ],
];

describe.each(stores)('%s pending transcripts', (_name, create) => {
  it('returns turns in the order appended, once each, and merges meta key by key', () => {
    const store = create(() => new Date());
    store.remember('k', { contactName: 'Ana', contactEmail: 'ana@example.com' });
    store.append('k', turn('a'), { contactName: 'Ana B' });
    store.append('k', turn('b'));
    store.append('k', turn('a', 'retried'));
    expect(store.read('k')).toEqual({ turns: [turn('a'), turn('b')], meta: { contactName: 'Ana B', contactEmail: 'ana@example.com' } });
    expect(store.read('other')).toEqual({ turns: [], meta: {} });
  });

  it('forgets a key when cleared', () => {
    const store = create(() => new Date());
    store.append('k', turn('a'), { x: 1 });
    store.clear('k');
    expect(store.read('k')).toEqual({ turns: [], meta: {} });
  });

  it('keeps a __proto__ key of meta as plain data without touching any prototype', () => {
    const store = create(() => new Date());
    store.remember('k', JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>);
    const { meta } = store.read('k');
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(meta.name).toBe('x');
  });

  it('prunes conversations untouched since the cutoff and keeps recent ones', () => {
    let clock = new Date('2026-11-20T10:00:00Z');
    const store = create(() => clock);
    store.append('old', turn('a'));
    clock = new Date('2026-11-21T10:00:00Z');
    store.append('new', turn('b'));
    expect(store.prune(new Date('2026-11-21T00:00:00Z'))).toBe(1);
    expect(store.read('old').turns).toEqual([]);
    expect(store.read('new').turns).toEqual([turn('b')]);
  });
});

describe('sqlite pending transcripts', () => {
  it('survives reopening the store on the same database', () => {
    const db = new Database(':memory:');
    db.exec(ADAPTER_PENDING_DDL);
    createSqlitePendingTranscripts(db).append('k', turn('a'), { n: 1 });
    expect(createSqlitePendingTranscripts(db).read('k')).toEqual({ turns: [turn('a')], meta: { n: 1 } });
  });

  it('keeps only the latest turns a handoff can hold', () => {
    const db = new Database(':memory:');
    db.exec(ADAPTER_PENDING_DDL);
    const store = createSqlitePendingTranscripts(db);
    const insertMany = db.transaction(() => {
      for (let i = 0; i < 5003; i += 1) store.append('k', turn(`t${i}`));
    });
    insertMany();
    const { turns } = store.read('k');
    expect(turns).toHaveLength(5000);
    expect(turns[0]?.id).toBe('t3');
  });
});
