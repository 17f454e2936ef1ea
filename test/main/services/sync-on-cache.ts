import type Database from 'better-sqlite3';
import { createConversationRepository, type ConversationRepository } from '../../../src/main/cache/conversations';
import { createOutboxRepository } from '../../../src/main/cache/outbox';
import { createProfileRepository, type ProfileRepository } from '../../../src/main/cache/profile';
import { createSync, type SyncDeps } from '../../../src/main/services/sync';

type Repositories = { conversations: ConversationRepository; profile: ProfileRepository };
type Hooks = Omit<SyncDeps, 'db' | 'conversations' | 'outbox' | 'profile'>;

/**
 * A sync over a cache's real repositories. `hooks` gives the callbacks and options a test watches;
 * it receives the repositories so a callback can look at the cache at the moment it is called.
 */
export function syncOnCache(db: Database.Database, hooks: (repositories: Repositories) => Hooks) {
  const repositories = { conversations: createConversationRepository(db), profile: createProfileRepository(db) };
  const sync = createSync({ db, outbox: createOutboxRepository(db), ...repositories, ...hooks(repositories) });
  return { sync, ...repositories };
}
