import type { GroupFigures } from '../../shared/metrics';
import type { ConversationFacts } from './conversation-facts';
import { csatOf, percentiles, ratio } from './stats';

/** The few figures of one breakdown row (a queue, an intent, an agent, a channel). */
export function groupFigures(key: string, label: string, members: ConversationFacts[], chargedTo: string | null = null): GroupFigures {
  const accepted = members.filter((facts) => facts.firstAssignedMs !== null);
  // Per agent, a repeat-ask counts against the agent it was charged to; elsewhere, any counts.
  const repeatAsked = accepted.filter((facts) => (chargedTo === null ? facts.repeatAsks > 0 : facts.repeatAgents.has(chargedTo))).length;
  return {
    key,
    label,
    conversations: members.length,
    accepted: accepted.length,
    abandonedBeforeAgent: members.filter(isAbandonedBeforeAgent).length,
    resolved: members.filter((facts) => facts.resolvedMs !== null).length,
    transferred: members.filter((facts) => facts.transfers > 0).length,
    timeToAcceptP50Ms: percentiles(accepted.map(timeToAccept)).p50,
    repeatAsked,
    repeatRate: ratio(repeatAsked, accepted.length),
    csat: csatOf(ratingsOf(members)).csat,
  };
}

export const isAbandonedBeforeAgent = (facts: ConversationFacts): boolean => facts.abandonedMs !== null && facts.firstAssignedMs === null;

export const timeToAccept = (facts: ConversationFacts): number => (facts.firstAssignedMs ?? facts.handedOffMs) - facts.handedOffMs;

export const ratingsOf = (members: ConversationFacts[]): number[] =>
  members.flatMap((facts) => (facts.rating === null ? [] : [facts.rating]));

/** Groups conversations by a key; a conversation may fall in several groups (agents). */
export function groupBy(all: ConversationFacts[], keysOf: (facts: ConversationFacts) => string[]): Map<string, ConversationFacts[]> {
  const groups = new Map<string, ConversationFacts[]>();
  for (const facts of all) {
    for (const key of keysOf(facts)) {
      const members = groups.get(key);
      if (members) members.push(facts);
      else groups.set(key, [facts]);
    }
  }
  return groups;
}

/** Rows sorted by size, then key, so tables and CSVs come out the same every time. */
export function groupRows(
  all: ConversationFacts[],
  keysOf: (facts: ConversationFacts) => string[],
  labelOf: (key: string) => string,
  isPerAgent = false,
): GroupFigures[] {
  return [...groupBy(all, keysOf)]
    .map(([key, members]) => groupFigures(key, labelOf(key), members, isPerAgent ? key : null))
    .sort((a, b) => b.conversations - a.conversations || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
