import type Database from 'better-sqlite3';
import type { ConversationListItem, RequestOf, SearchHit } from '../../shared/ipc';
import { LAST_MESSAGE_COLUMN, LIST_LIFECYCLE_COLUMNS, toListItem, type ListItemRow } from '../cache/conversation-rows';
import { whereClause, type SearchRepository } from '../cache/search';
import { createSearchWorker, SearchWorkerUnavailableError, type SearchWorker } from './search-worker-client';

export type HistorySearchRequest = RequestOf<'history:search'>;
export type HistoryListRequest = NonNullable<RequestOf<'history:list'>>;

export interface HistoryDeps {
  db: Database.Database;
  search: SearchRepository;
  /** Runs searches off the core's event loop; without one (an in-memory cache) they run in-process. */
  worker?: SearchWorker | null;
}

const DEFAULT_PAGE = 100;
/** Ranked search sorts every match: fewer rows keep a common word from stalling the core. */
export const RANKED_LIMIT = 50;
export const NEWEST_LIMIT = 100;

type Bindings = Record<string, string | number>;

/** The repository's search options for a request, shared by the in-process path and the worker. */
export const searchOptionsFor = (request: HistorySearchRequest) => {
  const ranked = request.ranked ?? false;
  return { ranked, limit: ranked ? RANKED_LIMIT : NEWEST_LIMIT, filters: (request.filters ?? {}) };
};

/**
 * History over the local cache: full-text search and the list of every conversation the user saw,
 * resolved ones included. Both read only the cache, so they answer the same with the hub down.
 */
export function createHistoryService(deps: HistoryDeps) {
  const pages = new Map<string, Database.Statement<[Bindings], ListItemRow>>();
  const pageFor = (conditions: string[]) => {
    const key = conditions.join('|');
    let statement = pages.get(key);
    if (!statement) {
      statement = deps.db.prepare<[Bindings], ListItemRow>(`
        SELECT c.*, ${LIST_LIFECYCLE_COLUMNS}, ${LAST_MESSAGE_COLUMN}
        FROM conversations c
        WHERE c.updated_ms < @beforeMs ${conditions.map((condition) => `AND ${condition}`).join(' ')}
        ORDER BY c.updated_ms DESC, c.rowid DESC
        LIMIT @limit
      `);
      pages.set(key, statement);
    }
    return statement;
  };

  return {
    /**
     * On the worker when there is one. If it cannot run (failed to start, died), the search runs
     * here instead: slower for the rest of the core, but history still answers.
     */
    async search(request: HistorySearchRequest): Promise<SearchHit[]> {
      const options = searchOptionsFor(request);
      if (deps.worker) {
        try {
          return await deps.worker.search(request.query, options);
        } catch (error) {
          if (!(error instanceof SearchWorkerUnavailableError)) throw error;
        }
      }
      return deps.search.search(request.query, options);
    },

    list(request: HistoryListRequest = {}): ConversationListItem[] {
      const beforeMs = request.before === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(request.before);
      if (!Number.isFinite(beforeMs)) throw new RangeError(`"before" is not a date: ${JSON.stringify(request.before)}`);
      const { conditions, bindings } = whereClause((request.filters ?? {}), 'conversations');
      return pageFor(conditions)
        .all({ ...bindings, beforeMs, limit: request.limit ?? DEFAULT_PAGE })
        .map(toListItem);
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;

/**
 * History as the core uses it: searches on a worker with its own read-only connection to the same
 * file (an in-memory cache has no file to share, so it searches in-process). `warm` starts the
 * worker early; `close` stops it.
 */
export function openHistory(db: Database.Database, search: SearchRepository, options: { nativeBinding?: string } = {}) {
  const worker = db.memory ? null : createSearchWorker({ file: db.name, nativeBinding: options.nativeBinding, planner: search.planner });
  return {
    ...createHistoryService({ db, search, worker }),
    warm: (): void => worker?.warm(),
    close: (): Promise<void> => worker?.close() ?? Promise.resolve(),
  };
}
