import type { ConversationListItem } from '../../../shared/ipc';
import type { InboxStoreState } from './inbox-store';
import { byUrgency } from './urgency';

export type InboxSectionKey = 'offers' | 'active' | 'other';

export interface InboxSection {
  key: InboxSectionKey;
  title: string;
  items: ConversationListItem[];
}

const ACTIVE_STATES = new Set(['assigned', 'transferred']);

const WAITING_STATES = new Set(['queued', 'offered']);

/**
 * A warm transfer waiting to be accepted is an offer to the agent it names; to anyone else (the
 * agent who handed it on) it is done with. A chat waiting for someone else (an offer this agent
 * declined or let expire) is not theirs to see (null), and one a supervisor took over is not
 * active for them. Without a user, every offer and open transfer counts as an offer.
 */
export function sectionOf(item: ConversationListItem, userId?: string | null): InboxSectionKey | null {
  const isOpenOffer = item.state === 'offered' || (item.state === 'transferred' && item.offer !== null);
  if (!userId) return isOpenOffer ? 'offers' : ACTIVE_STATES.has(item.state) ? 'active' : 'other';
  if (WAITING_STATES.has(item.state)) return item.offer?.agentId === userId ? 'offers' : null;
  if (isOpenOffer) return item.offer?.agentId === userId ? 'offers' : 'other';
  if (item.state === 'assigned' && item.ownerId !== undefined && item.ownerId !== userId) return 'other';
  return ACTIVE_STATES.has(item.state) ? 'active' : 'other';
}

const time = (iso: string): number => {
  const value = Date.parse(iso);
  return Number.isNaN(value) ? 0 : value;
};

/** Finished conversations: most recent activity first. */
const byRecentActivity = (a: ConversationListItem, b: ConversationListItem): number =>
  time(b.updatedAt) - time(a.updatedAt) || a.id.localeCompare(b.id);

const TITLES: Record<InboxSectionKey, string> = { offers: 'Offers', active: 'Active', other: 'Earlier' };

// Sorting on every render would churn; memoise on what the result depends on. The urgency order is taken at the moment the inbox last changed:
// rows do not jump while being read.
type ListState = Pick<InboxStoreState, 'byId' | 'ids' | 'revision'>;
let lastById: InboxStoreState['byId'] | null = null;
let lastRevision = -1;
let lastIds: string[] | null = null;
let lastUserId: string | null | undefined;
let lastSections: InboxSection[] = [];

/** Offers first, then active conversations, each most urgent first (see urgency.ts); then the rest. */
export function selectSections(
  state: ListState,
  nowMs: number = Date.now(),
  userId?: string | null,
): InboxSection[] {
  if (state.byId === lastById && state.revision === lastRevision && state.ids === lastIds && userId === lastUserId) return lastSections;
  const groups: Record<InboxSectionKey, ConversationListItem[]> = { offers: [], active: [], other: [] };
  for (const id of state.ids) {
    const item = state.byId[id];
    const section = item ? sectionOf(item, userId) : null;
    if (item && section) groups[section].push(item);
  }
  groups.offers.sort(byUrgency(nowMs));
  groups.active.sort(byUrgency(nowMs));
  groups.other.sort(byRecentActivity);
  lastById = state.byId;
  lastRevision = state.revision;
  lastIds = state.ids;
  lastUserId = userId;
  lastSections = (['offers', 'active', 'other'] as const).map((key) => ({ key, title: TITLES[key], items: groups[key] }));
  return lastSections;
}

/** The inbox in display order, flat: what arrow keys walk through. */
export const selectOrderedIds = (state: ListState, userId?: string | null): string[] =>
  selectSections(state, Date.now(), userId).flatMap((section) => section.items.map((item) => item.id));

export const selectOfferCount = (state: ListState, userId?: string | null): number =>
  selectSections(state, Date.now(), userId)[0]?.items.length ?? 0;
