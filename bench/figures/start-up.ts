import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { createCore } from '../../src/main/core/create-core';
import type { BigCache } from '../lib/big-cache';
import { measured, type FigureReport } from '../lib/figure';
import { summarize } from '../lib/percentiles';

export interface StartUpOptions {
  repeats: number;
}

/** The list query of src/main/cache/conversations.ts (first page, newest first), written out by hand. */
const LIST_SQL = `
  SELECT c.id, c.state, c.queue, c.customer_name, c.issue_title, c.reason_kind, c.sentiment_score, c.priority,
         c.channel, c.created_at, c.updated_at, c.unread, c.offer, c.disposition,
         json_extract(c.owner, '$.name') AS owner_name, json_extract(c.lifecycle, '$.transfer.note') AS transfer_note,
         (SELECT t.text FROM turns t WHERE t.seq = (SELECT max(l.seq) FROM turns l WHERE l.conversation_id = c.id)) AS last_message
  FROM conversations c ORDER BY c.updated_ms DESC, c.rowid DESC LIMIT ?`;
const FIRST_PAGE = 500;

/**
 * The desktop core opening the big cache to the first page of its conversation list: createCore
 * (open, migrations check, every repository's statements) then core.list(). The baseline opens the
 * same file with better-sqlite3 and runs the same query. Alternated, after one untimed open of each
 * so that both read from the page cache.
 */
export function benchStartUp(cache: BigCache, options: StartUpOptions): FigureReport {
  const dataDir = dirname(cache.file);
  const notifier = { notify: () => undefined };
  const viaCore = (): number => {
    const t0 = performance.now();
    const core = createCore({ dataDir, defaultHubUrl: 'http://127.0.0.1:9', notifier });
    const rows = core.list().length;
    const elapsed = performance.now() - t0;
    core.close();
    if (rows === 0) throw new Error('the core listed no conversations from the big cache');
    return elapsed;
  };
  const raw = (): number => {
    const t0 = performance.now();
    const db = new Database(cache.file);
    db.prepare(LIST_SQL).all(FIRST_PAGE);
    const elapsed = performance.now() - t0;
    db.close();
    return elapsed;
  };
  const first = { core: viaCore(), raw: raw() };
  const core: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < options.repeats; i += 1) {
    core.push(viaCore());
    bare.push(raw());
  }
  const [a, b] = [summarize(core), summarize(bare)];
  return {
    figure: measured('start-up', 'ms (p50)', a.p50, b.p50, { op: '<=', value: 2 }),
    details: [
      `${cache.messages.toLocaleString('en-GB')} messages in ${cache.conversations.toLocaleString('en-GB')} conversations, first page of ${FIRST_PAGE}; ${options.repeats} opens each after a first one (core ${first.core.toFixed(1)} ms, raw ${first.raw.toFixed(1)} ms)`,
      `core: p50 ${a.p50.toFixed(1)} ms, max ${a.max.toFixed(1)} ms; raw open + list: p50 ${b.p50.toFixed(1)} ms, max ${b.max.toFixed(1)} ms`,
    ],
  };
}
