import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../src/shared/ipc';
import { failingChannels } from '../../../src/renderer/features/supervisor/channel-health';

const item = (id: string, overrides: Partial<ConversationListItem> = {}): ConversationListItem => ({
  id,
  state: 'assigned',
  queue: 'support',
  customerName: `Customer ${id}`,
  issueTitle: 'Refund',
  reasonKind: 'bot_failure',
  sentimentScore: null,
  priority: 2,
  channel: 'web',
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
  unread: 0,
  offer: null,
  lastMessage: null,
  ...overrides,
});

describe('failing channels on the supervisor console', () => {
  it('groups open conversations whose replies fail by platform, most affected first, newest problem first', () => {
    const retrying = (at: string, error: string) => ({ state: 'retrying' as const, at, channel: 'chatwoot', error });
    const channels = failingChannels([
      item('a', { channelTrouble: retrying('2026-11-20T10:01:00Z', 'HTTP 503') }),
      item('b', { channelTrouble: { state: 'failed', at: '2026-11-20T10:02:00Z', channel: 'generic', error: 'HTTP 410' } }),
      item('c', { channelTrouble: retrying('2026-11-20T10:03:00Z', 'HTTP 502') }),
      item('d'),
      item('e', { state: 'resolved', channelTrouble: retrying('2026-11-20T10:04:00Z', 'HTTP 500') }),
    ]);
    expect(channels.map(({ channel, conversations }) => [channel, conversations.map((c) => c.id)])).toEqual([
      ['chatwoot', ['c', 'a']],
      ['generic', ['b']],
    ]);
  });

  it('is empty when every reply is getting through', () => {
    expect(failingChannels([item('a'), item('b', { state: 'resolved' })])).toEqual([]);
  });
});
