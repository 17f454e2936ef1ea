import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { inTransaction, openCache } from '../../../src/main/cache/database';
import { createSearchRepository } from '../../../src/main/cache/search';
import { createHistoryService, openHistory } from '../../../src/main/services/history';
import { createSearchWorker } from '../../../src/main/services/search-worker-client';
import { conversationView, message } from '../cache/fixtures/conversations';

describe('search worker', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-search-worker-'));
    db = openCache(join(dir, 'cache.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `conversations` × `perConversation` customer messages that all say "refund". */
  function fill(conversations: number, perConversation: number): void {
    const repository = createConversationRepository(db);
    inTransaction(db, () => {
      for (let c = 0; c < conversations; c += 1) {
        repository.save(conversationView({ id: `c${c}` }));
        for (let m = 0; m < perConversation; m += 1) {
          const at = new Date(Date.UTC(2026, 10, 20, 11, 0, 0, c * perConversation + m)).toISOString();
          repository.addMessage(message(`c${c}`, `m${c}-${m}`, at, { text: `refund number ${m} for order ${c} please refund` }));
        }
      }
    });
  }

  it('finds what the in-process search finds, snippets included, for newest-first and ranked searches', async () => {
    fill(20, 20);
    const search = createSearchRepository(db);
    const history = openHistory(db, search);
    try {
      for (const request of [{ query: 'order 7 ' }, { query: 'refund', ranked: true }, { query: 'refu', filters: { customer: 'maria' } }]) {
        const viaWorker = await history.search(request);
        const inProcess = createHistoryService({ db, search }).search(request);
        expect(viaWorker.length).toBeGreaterThan(0);
        expect(viaWorker).toEqual(await inProcess);
      }
    } finally {
      await history.close();
    }
  });

  it('leaves the core’s event loop free while a slow ranked search runs', async () => {
    fill(60, 200);
    const search = createSearchRepository(db);
    const history = openHistory(db, search);
    try {
      await history.search({ query: 'warm up' });
      const ticksDuring = async (run: () => Promise<unknown>) => {
        let ticks = 0;
        const ticker = setInterval(() => (ticks += 1), 1);
        await run();
        clearInterval(ticker);
        return ticks;
      };
      const onWorker = await ticksDuring(() => history.search({ query: 'refund', ranked: true }));
      const inProcess = await ticksDuring(async () => createHistoryService({ db, search }).search({ query: 'refund', ranked: true }));
      expect(inProcess).toBe(0);
      expect(onWorker).toBeGreaterThan(0);
    } finally {
      await history.close();
    }
  });

  it('searches in-process when the worker cannot open the cache, instead of failing', async () => {
    fill(2, 2);
    const search = createSearchRepository(db);
    const broken = createSearchWorker({ file: join(dir, 'missing.sqlite'), planner: search.planner });
    const history = createHistoryService({ db, search, worker: broken });
    try {
      expect((await history.search({ query: 'refund' })).length).toBe(4);
    } finally {
      await broken.close();
    }
  });
});
