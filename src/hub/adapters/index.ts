export { adapters, isPlatform } from './registry';
export { createMemoryPendingTranscripts, type PrunablePendingTranscripts } from './pending-memory';
export { ADAPTER_PENDING_DDL, createSqlitePendingTranscripts } from './pending-sqlite';
export { formatHandoffStatus, handoffAnswer, type HandoffState, type HandoffStatus } from './status';
export { integrationRoutes, type IntegrationRouteDeps } from './routes';
export * from './types';
