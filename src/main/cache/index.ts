export { openCache, inTransaction, CacheTooNewError, type OpenCacheOptions } from './database';
export { createConversationRepository, type ConversationRepository, type StateChange, type ListOptions } from './conversations';
export { createOutboxRepository, type OutboxRepository } from './outbox';
export { createProfileRepository, type Profile, type ProfileRepository } from './profile';
export {
  createSearchRepository,
  type SearchFilters,
  type SearchHit,
  type SearchOptions,
  type SearchRepository,
  type SnippetPart,
} from './search';
export { purgeExpired, clearAll } from './retention';
