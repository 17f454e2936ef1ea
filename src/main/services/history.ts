import type Database from 'better-sqlite3';
import type { ReasonKind } from '../../shared/envelope';
import type { ConversationListItem, SearchHit } from '../../shared/ipc';
import { toListItem, type ConversationRow } from '../cache/conversation-rows';
import type { SearchRepository } from '../cache/search';

export interface HistorySearchRequest {
  query: string;
  ranked?: boolean;
  filters?: { from?: string; to?: string; queue?: string; reason?: ReasonKind; customer?: string };
}

export interface HistoryListRequest {
  limit?: number;
  /** ISO time: only conversations last updated strictly before it (the next page). */
  before?: string;
}

export interface HistoryDeps {
  db: Database.Database;
  search: SearchRepository;
}

const DEFAULT_PAGE = 100;
/** Ranked search sorts every match: fewer rows keep a common word from stalling the core. */
const RANKED_LIMIT = 50;
const NEWEST_LIMIT = 100;

type ListRow = ConversationRow & { last_message: string | null };

/**
 * History over the local cache: full-text search and the list of every conversation the user saw,
 * resolved ones included. Both read only the cache, so they answer the same with the hub down.
 */
export function createHistoryService(deps: HistoryDeps) {
  const page = deps.db.prepare<[{ beforeMs: number; limit: number }], ListRow>(`
    SELECT c.*,
      (SELECT t.text FROM turns t WHERE t.conversation_id = c.id ORDER BY t.seq DESC LIMIT 1) AS last_message
    FROM conversations c
    WHERE c.updated_ms < @beforeMs
    ORDER BY c.updated_ms DESC, c.rowid DESC
    LIMIT @limit
  `);

  return {
    search(request: HistorySearchRequest): SearchHit[] {
      const ranked = request.ranked ?? false;
      return deps.search.search(request.query, {
        ranked,
        limit: ranked ? RANKED_LIMIT : NEWEST_LIMIT,
        filters: request.filters ?? {},
      });
    },

    list(request: HistoryListRequest = {}): ConversationListItem[] {
      const beforeMs = request.before === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(request.before);
      if (!Number.isFinite(beforeMs)) throw new RangeError(`"before" is not a date: ${JSON.stringify(request.before)}`);
      return page.all({ beforeMs, limit: request.limit ?? DEFAULT_PAGE }).map(toListItem);
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
