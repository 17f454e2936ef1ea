import { describe, expect, it } from 'vitest';
import { countWaitingOffers, createOfferTray, trayLabels, watchOffers, type TrayLike } from '../../../src/main/shell/tray';
import type { ConversationListItem, CoreEvent } from '../../../src/shared/ipc';

const item = (id: string, overrides: Partial<ConversationListItem> = {}): ConversationListItem => ({
  id,
  state: 'offered',
  queue: 'returns',
  customerName: 'Maria Okafor',
  issueTitle: 'Refund',
  reasonKind: 'bot_failure',
  sentimentScore: null,
  priority: 2,
  channel: 'web',
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
  unread: 0,
  offer: { agentId: 'u-agent', offeredAt: '2026-11-20T10:00:00Z', expiresAt: null },
  lastMessage: null,
  ...overrides,
});

function fakeElectron(hasBadge = true) {
  const calls = { toolTips: [] as string[], titles: [] as string[], badges: [] as number[], destroyed: false, click: null as (() => void) | null };
  const tray: TrayLike = {
    setToolTip: (text) => calls.toolTips.push(text),
    setTitle: (title) => calls.titles.push(title),
    on: (_event, listener) => (calls.click = listener),
    destroy: () => (calls.destroyed = true),
  };
  const app = {
    setBadgeCount: (count?: number) => {
      calls.badges.push(count ?? 0);
      return hasBadge;
    },
  };
  return { tray, app, calls };
}

describe('waiting offers count', () => {
  it('counts offers and warm transfers addressed to this agent, not those to a colleague or already accepted', () => {
    const items = [
      item('offer'),
      item('transfer', { state: 'transferred' }),
      item('to-colleague', { offer: { agentId: 'u-agent2', offeredAt: '2026-11-20T10:00:00Z', expiresAt: null } }),
      item('transfer-to-colleague', { state: 'transferred', offer: { agentId: 'u-agent2', offeredAt: '2026-11-20T10:00:00Z', expiresAt: null } }),
      item('accepted', { state: 'assigned', offer: null }),
      item('resolved', { state: 'resolved', offer: null }),
    ];
    expect(countWaitingOffers(items, 'u-agent')).toBe(2);
    expect(countWaitingOffers(items, 'u-agent2')).toBe(2);
    expect(countWaitingOffers(items, null)).toBe(0);
  });

  it('words the tooltip for none, one and several offers, and shows no customer detail', () => {
    expect(trayLabels(0)).toEqual({ toolTip: 'Warmline: no offers waiting', title: '' });
    expect(trayLabels(1)).toEqual({ toolTip: 'Warmline: 1 offer waiting', title: '1' });
    expect(trayLabels(3)).toEqual({ toolTip: 'Warmline: 3 offers waiting', title: '3' });
  });
});

describe('offer tray', () => {
  it('sets the badge, tooltip and title for the count, only when the count changes', () => {
    const { tray, app, calls } = fakeElectron();
    const offers = createOfferTray({ app, createTray: () => tray, onClick: () => undefined });
    offers.show(2);
    offers.show(2);
    offers.show(0);
    expect(calls.badges).toEqual([0, 2, 0]);
    expect(calls.toolTips).toEqual(['Warmline: no offers waiting', 'Warmline: 2 offers waiting', 'Warmline: no offers waiting']);
    expect(calls.titles).toEqual(['', '2', '']);
  });

  it('still shows the count in the tooltip where the platform has no badge', () => {
    const { tray, app, calls } = fakeElectron(false);
    createOfferTray({ app, createTray: () => tray, onClick: () => undefined }).show(4);
    expect(calls.toolTips.at(-1)).toBe('Warmline: 4 offers waiting');
  });

  it('brings the window forward on a click, and clears the badge when destroyed', () => {
    const { tray, app, calls } = fakeElectron();
    let focused = 0;
    const offers = createOfferTray({ app, createTray: () => tray, onClick: () => (focused += 1) });
    offers.show(1);
    calls.click?.();
    offers.destroy();
    expect(focused).toBe(1);
    expect(calls.badges.at(-1)).toBe(0);
    expect(calls.destroyed).toBe(true);
  });

  it('recounts once per burst of conversation changes and ignores other events', () => {
    const { tray, app, calls } = fakeElectron();
    const offers = createOfferTray({ app, createTray: () => tray, onClick: () => undefined });
    let items = [item('a')];
    let listed = 0;
    let listener: ((event: CoreEvent) => void) | null = null;
    const pending: (() => void)[] = [];
    watchOffers(
      {
        list: () => (listed += 1, items),
        userId: () => 'u-agent',
        onEvent: (next) => ((listener = next), () => undefined),
      },
      offers,
      (run) => pending.push(run),
    );
    expect(offers.count).toBe(1);

    items = [item('a'), item('b'), item('c')];
    for (const id of ['a', 'b', 'c']) listener!({ type: 'conversation:changed', item: item(id) });
    listener!({ type: 'conversation:focus-requested', id: 'a' });
    expect(pending).toHaveLength(1);
    pending.shift()!();

    expect(listed).toBe(2);
    expect(offers.count).toBe(3);
    expect(calls.badges.at(-1)).toBe(3);
  });
});
