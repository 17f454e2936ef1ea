import Database from 'better-sqlite3';
import { openCache } from '../../src/main/cache/database';
import { createSearchRepository } from '../../src/main/cache/search';
import { NEWEST_LIMIT, openHistory } from '../../src/main/services/history';
import type { BigCache } from '../lib/big-cache';
import { measured, type FigureReport } from '../lib/figure';
import { summarize } from '../lib/percentiles';

export interface SearchOptions {
  /** Runs of each query, for each side. */
  repeats: number;
  budgetMs: number;
}

/** search.ts's newest-first statement with no filters, written out by hand. */
const RAW_SQL = `
  SELECT t.conversation_id, t.turn_id, t.author, t.at,
         snippet(turns_fts, 0, @open, @close, '…', 16) AS marked,
         c.customer_name, c.issue_title
  FROM turns_fts f
  JOIN turns t ON t.seq = f.rowid
  JOIN conversations c ON c.id = t.conversation_id
  WHERE turns_fts MATCH @match
  ORDER BY f.rowid DESC
  LIMIT @limit`;
const ROWID_SQL = 'SELECT rowid FROM turns_fts WHERE turns_fts MATCH ? ORDER BY rowid DESC LIMIT ?';
/** What 'history:search' asks for, newest first. */
const LIMIT = NEWEST_LIMIT;
// Markers as long as the app's (a private-use character, 16 hex digits, another), so snippets weigh the same.
const OPEN = '\uE000aaaaaaaaaaaaaaaa\uE001';
const CLOSE = '\uE002aaaaaaaaaaaaaaaa\uE003';

/** What the user types, and the MATCH expression search-query.ts makes of it (written by hand for the raw side). */
const queries = (terms: BigCache['sentences']['searchTerms']) => [
  { kind: 'common word', typed: terms.common, match: `"${terms.common.trim()}"` },
  { kind: 'rare word', typed: terms.rare, match: `"${terms.rare.trim()}"` },
  { kind: 'two words', typed: terms.twoWords, match: terms.twoWords.trim().split(' ').map((word) => `"${word}"`).join(' ') },
  { kind: 'prefix', typed: terms.prefix, match: `"${terms.prefix}"*` },
];

/**
 * The app's search path ('history:search' as the core answers it: the history service sending the
 * query to its search worker and reading the rows back, newest first, first page of 100) over the
 * big cache, against the same SQL run raw with better-sqlite3 in this thread, alternating query by
 * query. The in-process repository and the bare rowid-only FTS query are reported beside them: the
 * first shows what the worker's round trip costs, the second the floor of the index itself.
 */
export async function benchSearch(cache: BigCache, options: SearchOptions): Promise<FigureReport> {
  const db = openCache(cache.file);
  const raw = new Database(cache.file, { readonly: true });
  const search = createSearchRepository(db);
  const history = openHistory(db, search);
  const rawStatement = raw.prepare(RAW_SQL);
  const rowidStatement = raw.prepare(ROWID_SQL).pluck();
  const all = { real: [] as number[], raw: [] as number[] };
  const perKind: string[] = [];
  const deadline = performance.now() + options.budgetMs;
  try {
    for (const query of queries(cache.sentences.searchTerms)) {
      const real: number[] = [];
      const local: number[] = [];
      const bare: number[] = [];
      const rowid: number[] = [];
      let hits = 0;
      let rawHits = 0;
      // The worker's first query prepares its statement: not what a user typing the next word waits for.
      await history.search({ query: query.typed });
      for (let i = 0; i < options.repeats && performance.now() < deadline; i += 1) {
        let t0 = performance.now();
        hits = (await history.search({ query: query.typed })).length;
        real.push(performance.now() - t0);
        t0 = performance.now();
        search.search(query.typed, { limit: LIMIT });
        local.push(performance.now() - t0);
        t0 = performance.now();
        rawHits = rawStatement.all({ match: query.match, limit: LIMIT, open: OPEN, close: CLOSE }).length;
        bare.push(performance.now() - t0);
        t0 = performance.now();
        rowidStatement.all(query.match, LIMIT);
        rowid.push(performance.now() - t0);
      }
      if (hits !== rawHits) throw new Error(`search "${query.typed}" found ${hits} hits but the raw query ${rawHits}: not the same query`);
      all.real.push(...real);
      all.raw.push(...bare);
      const [a, b, c, d] = [summarize(real), summarize(bare), summarize(rowid), summarize(local)];
      const total = raw.prepare('SELECT count(*) FROM turns_fts WHERE turns_fts MATCH ?').pluck().get(query.match);
      perKind.push(
        `${query.kind} ${JSON.stringify(query.typed)} (${String(total)} matches, ${hits} shown): app (worker) p50 ${a.p50.toFixed(2)} / p99 ${a.p99.toFixed(2)} ms; in-process p50 ${d.p50.toFixed(2)} / p99 ${d.p99.toFixed(2)} ms; raw p50 ${b.p50.toFixed(2)} / p99 ${b.p99.toFixed(2)} ms; rowid-only p50 ${c.p50.toFixed(3)} / p99 ${c.p99.toFixed(3)} ms`,
      );
    }
  } finally {
    await history.close();
    raw.close();
    db.close();
  }
  const [app, bare] = [summarize(all.real), summarize(all.raw)];
  return {
    figure: measured('search', 'ms (p99)', app.p99, bare.p99, { op: '<=', value: 1.5 }),
    details: [
      `${cache.messages.toLocaleString('en-GB')} cached messages; the four queries pooled, ${options.repeats} runs each; p50 app (search worker) ${app.p50.toFixed(2)} ms vs raw ${bare.p50.toFixed(2)} ms`,
      ...perKind,
    ],
  };
}
