/**
 * The figures the supervisor console and the wallboard show, each defined once: what counts as
 * waiting, when a wait starts, how a share is written, and the definition shown on hover.
 */
import type { ConversationState } from './conversation';

/** Waiting for a human: in a queue, being offered, or transferred and not yet accepted. */
export const WAITING_STATES: readonly ConversationState[] = ['queued', 'offered', 'transferred'];

export const isWaitingState = (state: ConversationState): boolean => WAITING_STATES.includes(state);

/**
 * When the current wait began: the last time the conversation entered a queue (its arrival, or
 * the transfer that sent it on). `ownerSince` is the hub's owner `since`, which a declined or
 * timed-out offer leaves alone, so only a new queue entry restarts the wait.
 */
export const waitingSinceOf = (item: { state: ConversationState; createdAt: string; ownerSince?: string | null }): string | null =>
  isWaitingState(item.state) ? (item.ownerSince ?? item.createdAt) : null;

/** A share (0–1) as a whole percent, the one way both screens write it; "—" while undefined. */
export const formatPercent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** A rate to one decimal, for the quality tables where a tenth of a percent matters. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** What each figure means, shown on hover wherever it appears. */
export const FIGURE_DEFINITIONS = {
  waiting: 'Customers waiting for a human now: in the queue, being offered to an agent, or transferred and not yet accepted.',
  longestWait: 'How long the customer who has waited longest has been waiting, counted from when they last entered the queue (a transfer starts the wait again).',
  abandonedToday: 'Customers who left today before an agent joined.',
  agentsAvailable: 'Agents online with a free chat slot.',
  agentsBusy: 'Agents online with every chat slot taken.',
  agentsAway: 'Agents who set themselves away.',
  agentsFreeBusyAway: 'Agents online with a free slot / with every slot taken / who set themselves away. Offline agents are not counted.',
  agentState: 'Available: online with a free chat slot. Busy: every slot taken. Away: set by the agent. Offline: not signed in.',
  timeInState: 'How long the agent has been available, busy or away; not counted while offline.',
  agentChats: 'Chats open now, of the most the agent takes at once.',
  agentFlags: 'Flags the agent raised that no supervisor has answered yet.',
  handoffsToday: 'Chats a bot handed to a human today.',
  medianAccept: 'Half of today’s answered customers waited less than this for an agent to accept.',
  failedHandovers: 'Handoffs today that no agent took: the customer left, or is still waiting.',
  csatGap: 'Satisfaction after a handoff minus satisfaction of chats that went straight to an agent, in percentage points; negative is the cost of the handoff.',
  reasonMix: 'Why the bot handed the customer over, as the bot or Warmline recorded it.',
} as const;
