import { describe, expect, it } from 'vitest';
import { selectOfferCount, selectOrderedIds, selectSections } from '../../../../src/renderer/features/inbox/inbox-selectors';
import type { ConversationListItem } from '../../../../src/shared/ipc';
import { listItem } from '../../fake-api';

const stateOf = (items: ConversationListItem[]) => ({
  byId: Object.fromEntries(items.map((item) => [item.id, item])),
  ids: items.map((item) => item.id),
  revision: 0,
});

describe('inbox order', () => {
  const items = [
    listItem({ id: 'resolved', state: 'resolved', updatedAt: '2026-11-20T11:00:00Z' }),
    listItem({ id: 'active-old', state: 'assigned', updatedAt: '2026-11-20T10:10:00Z' }),
    listItem({ id: 'offer-new', state: 'offered', createdAt: '2026-11-20T10:30:00Z' }),
    listItem({ id: 'active-new', state: 'transferred', updatedAt: '2026-11-20T10:40:00Z' }),
    listItem({ id: 'offer-old', state: 'offered', createdAt: '2026-11-20T10:01:00Z' }),
    listItem({ id: 'queued', state: 'queued', updatedAt: '2026-11-20T10:20:00Z' }),
  ];

  it('puts offers first with the longest-waiting customer on top, then active conversations, then the rest by latest activity', () => {
    expect(selectOrderedIds(stateOf(items))).toEqual([
      'offer-old',
      'offer-new',
      'active-new',
      'active-old',
      'resolved',
      'queued',
    ]);
  });

  it('names the sections and counts the waiting offers', () => {
    const state = stateOf(items);
    expect(selectSections(state).map((section) => [section.title, section.items.length])).toEqual([
      ['Offers', 2],
      ['Active', 2],
      ['Earlier', 2],
    ]);
    expect(selectOfferCount(state)).toBe(2);
  });

  it('breaks a tie in waiting time by priority, urgent (5) before low (1)', () => {
    const tied = [
      listItem({ id: 'low', state: 'offered', priority: 1 }),
      listItem({ id: 'urgent', state: 'offered', priority: 5 }),
    ];
    expect(selectOrderedIds(stateOf(tied))).toEqual(['urgent', 'low']);
  });

  it('returns the same sections object while the inbox is unchanged, so components do not re-render', () => {
    const state = stateOf(items);
    expect(selectSections(state)).toBe(selectSections(state));
  });

  it('sorts again when a conversation changes in place, as the store applies events', () => {
    const state = stateOf([listItem({ id: 'a', state: 'offered' }), listItem({ id: 'b', state: 'queued' })]);
    expect(selectOfferCount(state)).toBe(1);
    state.byId.b = listItem({ id: 'b', state: 'offered' });
    expect(selectOfferCount({ ...state, revision: 1 })).toBe(2);
  });

  it('shows a warm transfer waiting for this agent among the offers, and files it away for the agent who handed it on', () => {
    const transfer = listItem({ id: 'warm', state: 'transferred', offer: { agentId: 'u-agent2', offeredAt: '2026-11-20T10:05:00Z', expiresAt: null } });
    const state = stateOf([transfer, listItem({ id: 'mine', state: 'assigned' })]);
    const titlesFor = (userId: string) =>
      selectSections(state, Date.now(), userId).map((section) => [section.title, section.items.map((item) => item.id)]);
    expect(titlesFor('u-agent2')).toEqual([
      ['Offers', ['warm']],
      ['Active', ['mine']],
      ['Earlier', []],
    ]);
    expect(titlesFor('u-agent')).toEqual([
      ['Offers', []],
      ['Active', ['mine']],
      ['Earlier', ['warm']],
    ]);
    expect(selectOfferCount(state, 'u-agent2')).toBe(1);
  });
});

describe('what an agent sees of chats that are not, or no longer, theirs', () => {
  const me = 'u_me';
  const offer = (agentId: string) => ({ agentId, offeredAt: '2026-11-20T10:00:00Z', expiresAt: null });
  const items = [
    listItem({ id: 'mine', state: 'offered', offer: offer(me) }),
    listItem({ id: 'declined', state: 'offered', offer: offer('u_other') }),
    listItem({ id: 'expired', state: 'queued', offer: null }),
    listItem({ id: 'working', state: 'assigned', ownerId: me }),
    listItem({ id: 'taken-over', state: 'assigned', ownerId: 'u_supervisor', ownerName: 'Priya Supervisor' }),
    listItem({ id: 'resolved', state: 'resolved', ownerId: me }),
  ];

  it('drops offers the agent declined or let expire, and moves a chat a supervisor took over out of Active', () => {
    expect(selectSections(stateOf(items), Date.now(), me).map((section) => [section.key, section.items.map((item) => item.id)])).toEqual([
      ['offers', ['mine']],
      ['active', ['working']],
      ['other', ['resolved', 'taken-over']],
    ]);
  });
});
