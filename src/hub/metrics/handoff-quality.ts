import type { DrillDownResult, DrillFigure, HandoffQualityReport, MetricsFilter } from '../../shared/metrics';
import type { HubDatabase } from '../store/database';
import { createContainedSessionReader } from './contained-sessions';
import type { ConversationFacts } from './conversation-facts';
import { drillDown } from './drill-down';
import { createFactsReader } from './facts-reader';
import { buildReport, matchesFilter } from './report';

export interface MetricsScope {
  from: string;
  to: string;
  /** The queues the asking supervisor may see. */
  queues: string[];
  filter: Omit<MetricsFilter, 'from' | 'to'>;
}

const DRILL_DOWN_LIMIT = 500;

/**
 * The handoff-quality figures of a hub, on every request from the per-conversation facts the kernel
 * folds as it logs (and the log itself for conversations those do not cover exactly).
 */
export function createHandoffQuality(db: HubDatabase, now: () => number = Date.now) {
  const reader = createFactsReader(db);
  const containedSessions = createContainedSessionReader(db);
  const factsOf = async (scope: MetricsScope): Promise<ConversationFacts[]> => (await reader.between(scope)).filter((facts) => matchesFilter(facts, scope.filter));

  return {
    async report(scope: MetricsScope): Promise<HandoffQualityReport> {
      const [contained, facts] = await Promise.all([
        containedSessions({ from: scope.from, to: scope.to, intent: scope.filter.intent, channel: scope.filter.channel }),
        factsOf(scope),
      ]);
      return buildReport({ facts, from: scope.from, to: scope.to, filter: scope.filter, containedBotSessions: contained, nowMs: now() });
    },
    async drillDown(scope: MetricsScope, figure: DrillFigure): Promise<DrillDownResult> {
      const { rows, isTruncated } = drillDown(await factsOf(scope), figure, DRILL_DOWN_LIMIT);
      return { figure, from: scope.from, to: scope.to, conversations: rows, isTruncated };
    },
  };
}

export type HandoffQuality = ReturnType<typeof createHandoffQuality>;
