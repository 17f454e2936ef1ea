import type Database from 'better-sqlite3';
import type { Migration as SchemaMigration } from '../../../shared/sqlite-migrations';
import { initial } from './001-initial';
import { adapterPending } from './002-adapter-pending';
import { signedWebhooks } from './003-signed-webhooks';
import { repeatAsks } from './004-repeat-asks';
import { loadIndexes } from './005-load-indexes';
import { routingLifecycle } from './006-routing-lifecycle';
import { callbacksAndBotSessions } from './007-callbacks-bot-sessions';
import { metricEvents } from './008-metric-events';
import { durableWaits } from './009-durable-waits';
import { conversationFacts } from './010-conversation-facts';
import { channels } from './011-channels';
import { administration } from './012-administration';
import { attachments } from './013-attachments';
import { chatTurns } from './014-chat-turns';
import { factsFoldedByKernel } from './015-facts-folded-by-kernel';
import { retentionIndexes } from './016-retention-indexes';
import { customerLookup } from './017-customer-lookup';
import { insertionOrder } from './018-insertion-order';
import { floorCounters } from './019-floor-counters';
import { floorPresence } from './020-floor-presence';

export type Migration = SchemaMigration<Database.Database>;

export const hubMigrations: Migration[] = [initial, adapterPending, signedWebhooks, repeatAsks, loadIndexes, routingLifecycle, callbacksAndBotSessions, metricEvents, durableWaits, conversationFacts, channels, administration, attachments, chatTurns, factsFoldedByKernel, retentionIndexes, customerLookup, insertionOrder, floorCounters, floorPresence];
