import type { ConversationView } from '../../../src/shared/conversation';

export const ME = 'u-agent';
export const offeredAt = '2026-11-20T10:01:00Z';

/** A conversation offered to ME, with an account number a notification must never show. */
export const offeredView = (overrides: Partial<ConversationView> = {}): ConversationView => ({
  id: 'c1',
  state: 'offered',
  queue: 'returns',
  owner: { kind: 'queue', id: 'returns', name: 'Returns', since: '2026-11-20T10:00:00Z', why: 'handed off' },
  offer: { agentId: ME, offeredAt, expiresAt: null },
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: offeredAt,
  messages: [],
  envelope: {
    v: 1,
    id: 'e1',
    customer: { name: 'Maria Okafor' },
    issue: { title: 'Refund for boots' },
    reason: { kind: 'customer_requested' },
    fields: [{ key: 'account_number', label: 'Account', value: '12345678', verified: true }],
    transcript: [],
  },
  ...overrides,
});
