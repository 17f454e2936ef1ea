import type Database from 'better-sqlite3';
import type { ConversationState, Disposition } from '../../shared/conversation';
import type { Author, ReasonKind } from '../../shared/envelope';
import { toMatchExpression } from './search-query';
import type { SearchHit } from '../../shared/ipc';
import type { SentimentLabel } from './conversation-rows';
import { createSnippetMarkers } from './snippet';
import { SLOTS_PER_MS } from './turn-writer';

export type { SnippetPart } from '../../shared/ipc';

export interface SearchFilters {
  /** ISO time; turns at or after it. */
  from?: string;
  /** ISO time; turns strictly before it. */
  to?: string;
  queue?: string;
  reason?: ReasonKind;
  /** Part of the customer's name (any case), or their exact customer id. */
  customer?: string;
  states?: ConversationState[];
  /** Conversations whose sentiment score is at most this (−1…1): "the unhappy ones". */
  maxSentiment?: number;
  /** The conversation's sentiment label (the envelope's, or its score's: see migration 003). */
  sentiment?: SentimentLabel;
  /** How the conversation ended; only resolved conversations have one. */
  disposition?: Disposition;
}

export interface SearchOptions {
  /** Default 50, at most 500. */
  limit?: number;
  /** bm25 relevance instead of newest first. Much slower on common words: run it off the UI thread. */
  ranked?: boolean;
  filters?: SearchFilters;
}

// The hit is what the IPC contract carries to the renderer: one type, declared in src/shared.
export type { SearchHit } from '../../shared/ipc';

interface HitRow {
  conversation_id: string;
  turn_id: string;
  author: Author;
  at: string;
  marked: string;
  customer_name: string;
  issue_title: string;
  /** 'name': the customer's name matched (the row points at the conversation's newest turn). */
  kind: 'name' | 'turn';
}

const DEFAULT_LIMIT = 50;
/** Conversations found by the customer's name, listed before the turns: enough for one customer's history. */
const NAME_LIMIT = 20;
const MAX_LIMIT = 500;
const SNIPPET_TOKENS = 16;

const toMillisOrThrow = (name: string, iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Search filter "${name}" is not a date: ${JSON.stringify(iso)}`);
  return ms;
};

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type Bindings = Record<string, string | number>;

/**
 * Each filter adds a condition and its bindings; the SQL text depends only on which are present.
 * For 'turns' (search) the dates bound the matching turn (`t`, `f`); for 'conversations' (the
 * history list) they bound the conversation's last activity. Every other condition is on `c`.
 */
export function whereClause(
  filters: SearchFilters,
  target: 'turns' | 'conversations' = 'turns',
): { conditions: string[]; bindings: Bindings } {
  const conditions: string[] = [];
  const bindings: Bindings = {};
  if (target === 'conversations') {
    // The list is ordered by last activity, so the range is on it too (and reads the same index).
    if (filters.from !== undefined) {
      conditions.push('c.updated_ms >= @fromMs');
      bindings.fromMs = toMillisOrThrow('from', filters.from);
    }
    if (filters.to !== undefined) {
      conditions.push('c.updated_ms < @toMs');
      bindings.toMs = toMillisOrThrow('to', filters.to);
    }
  } else if (filters.from !== undefined) {
    // seq is allocated at or above its turn's millisecond slot, so the rowid bound lets FTS5 skip
    // older rows unread; at_ms keeps it exact for the rare turn that spilled into a later slot.
    const fromMs = toMillisOrThrow('from', filters.from);
    conditions.push('f.rowid >= @fromSeq AND t.at_ms >= @fromMs');
    bindings.fromSeq = fromMs * SLOTS_PER_MS;
    bindings.fromMs = fromMs;
  }
  if (target === 'turns' && filters.to !== undefined) {
    conditions.push('t.at_ms < @toMs');
    bindings.toMs = toMillisOrThrow('to', filters.to);
  }
  if (filters.queue !== undefined) {
    conditions.push('c.queue = @queue');
    bindings.queue = filters.queue;
  }
  if (filters.reason !== undefined) {
    conditions.push('c.reason_kind = @reason');
    bindings.reason = filters.reason;
  }
  if (filters.customer !== undefined) {
    conditions.push("(c.customer_name LIKE @customerLike ESCAPE '\\' OR c.customer_id = @customer)");
    bindings.customerLike = likePattern(filters.customer);
    bindings.customer = filters.customer;
  }
  if (filters.states !== undefined) {
    conditions.push('c.state IN (SELECT value FROM json_each(@states))');
    bindings.states = JSON.stringify(filters.states);
  }
  if (filters.maxSentiment !== undefined) {
    conditions.push('c.sentiment_score <= @maxSentiment');
    bindings.maxSentiment = filters.maxSentiment;
  }
  if (filters.sentiment !== undefined) {
    conditions.push('c.sentiment_label = @sentiment');
    bindings.sentiment = filters.sentiment;
  }
  if (filters.disposition !== undefined) {
    conditions.push('c.disposition = @disposition');
    bindings.disposition = filters.disposition;
  }
  return { conditions, bindings };
}

/** A search as SQL: run it on any connection to the cache, then turn its rows into hits with `toHits`. */
export interface SearchPlan {
  sql: string;
  bindings: Bindings;
}

/**
 * Builds search statements and reads their rows, apart from running them, so the same search runs
 * in-process or on a search worker's own connection (src/main/services/search-worker-client.ts).
 * One planner per process: its snippet markers are what `toHits` looks for.
 */
export function createSearchPlanner() {
  const markers = createSnippetMarkers();
  const sqlByKey = new Map<string, string>();

  const and = (conditions: string[]): string => conditions.map((condition) => `AND ${condition}`).join(' ');
  // Conversations whose customer's name holds every word, newest first; then the matching turns.
  const sqlFor = (conditions: string[], nameConditions: string[], ranked: boolean): string => {
    const key = `${ranked ? 'ranked' : 'newest'}|${conditions.join('|')}|${nameConditions.join('|')}`;
    let sql = sqlByKey.get(key);
    if (sql === undefined) {
      sql = `
        SELECT * FROM (
          SELECT c.id AS conversation_id,
                 coalesce((SELECT t.turn_id FROM turns t WHERE t.conversation_id = c.id ORDER BY t.seq DESC LIMIT 1), '') AS turn_id,
                 'customer' AS author, c.updated_at AS at,
                 highlight(customers_fts, 0, @open, @close) AS marked,
                 c.customer_name, c.issue_title, 'name' AS kind
          FROM customers_fts n
          JOIN conversations c ON c.rowid = n.rowid
          WHERE customers_fts MATCH @match ${and(nameConditions)}
          ORDER BY c.updated_ms DESC
          LIMIT ${NAME_LIMIT})
        UNION ALL
        SELECT * FROM (
          SELECT t.conversation_id, t.turn_id, t.author, t.at,
                 snippet(turns_fts, 0, @open, @close, '…', ${SNIPPET_TOKENS}) AS marked,
                 c.customer_name, c.issue_title, 'turn' AS kind
          FROM turns_fts f
          JOIN turns t ON t.seq = f.rowid
          JOIN conversations c ON c.id = t.conversation_id
          WHERE turns_fts MATCH @match ${and(conditions)}
          ORDER BY ${ranked ? 'f.rank' : 'f.rowid DESC'}
          LIMIT @limit)`;
      sqlByKey.set(key, sql);
    }
    return sql;
  };

  return {
    /** What the user typed, taken as text (see search-query.ts); null when it holds nothing to find. */
    plan(query: string, options: SearchOptions = {}): SearchPlan | null {
      const match = toMatchExpression(query);
      if (match === null) return null;
      const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)));
      const { conditions, bindings } = whereClause(options.filters ?? {});
      // Dates bound the conversation's last activity here; both clauses bind the same values under the same names.
      const names = whereClause(options.filters ?? {}, 'conversations');
      return {
        sql: sqlFor(conditions, names.conditions, options.ranked ?? false),
        bindings: { ...names.bindings, ...bindings, match, limit, open: markers.open, close: markers.close },
      };
    },

    toHits(rows: readonly HitRow[]): SearchHit[] {
      const ordered = [...rows.filter((row) => row.kind === 'name'), ...rows.filter((row) => row.kind !== 'name')];
      return ordered.map((row) => ({
        ...(row.kind === 'name' ? { matchedOn: 'customer-name' as const } : {}),
        conversationId: row.conversation_id,
        turnId: row.turn_id,
        author: row.author,
        at: row.at,
        snippet: markers.toParts(row.marked),
        customerName: row.customer_name,
        issueTitle: row.issue_title,
      }));
    },
  };
}

export type SearchPlanner = ReturnType<typeof createSearchPlanner>;
export type { HitRow };

/**
 * Full-text search over every cached turn. Newest first by default: the FTS index is walked from
 * its highest rowid down (rowids are time-ordered), so the first page costs about what a bare FTS5
 * query costs. Ranked search sorts every match and is the slow one.
 */
export function createSearchRepository(db: Database.Database, planner: SearchPlanner = createSearchPlanner()) {
  const statements = new Map<string, Database.Statement<[Bindings], HitRow>>();
  const statementFor = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<[Bindings], HitRow>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    planner,
    /** Search what the user typed, taken as text: see search-query.ts. Empty input finds nothing. */
    search(query: string, options: SearchOptions = {}): SearchHit[] {
      const plan = planner.plan(query, options);
      return plan === null ? [] : planner.toHits(statementFor(plan.sql).all(plan.bindings));
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
