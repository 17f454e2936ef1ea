import { describe, expect, it } from 'vitest';
import { openOffersAtEnd } from '../../../src/main/services/open-offers';
import type { ConversationView, Offer, Owner } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { conversationView, message, queueOwner } from '../cache/fixtures/conversations';

const AT = '2026-11-20T10:13:00Z';
const offerTo = (agentId: string, offeredAt = AT): Offer => ({ agentId, offeredAt, expiresAt: null });
const priya: Owner = { kind: 'agent', id: 'u-agent', name: 'Priya Raman', since: AT, why: 'accepted' };

let seq = 0;
const offered = (id: string, agentId = 'u-agent', offeredAt = AT): HubEvent => {
  const offer = offerTo(agentId, offeredAt);
  return { seq: ++seq, at: offeredAt, conversationId: id, type: 'conversation:offered', conversation: conversationView({ id, state: 'offered', offer }), offer };
};
const backInQueue = (id: string): HubEvent => ({ seq: ++seq, at: AT, conversationId: id, type: 'conversation:state-changed', state: 'queued', owner: queueOwner, offer: null });
const assigned = (id: string): HubEvent => ({ seq: ++seq, at: AT, conversationId: id, type: 'conversation:assigned', conversation: conversationView({ id, state: 'assigned', owner: priya }) });
const customerWrote = (id: string): HubEvent => ({ seq: ++seq, at: AT, conversationId: id, type: 'message:added', message: message(id, `m${seq}`, AT) });
const offerEnded = (id: string): HubEvent => ({ seq: ++seq, at: AT, conversationId: id, type: 'offer:ended', agentId: 'u-agent', outcome: 'declined', reason: 'busy' });

const idsAndAgents = (views: ConversationView[]) => views.map((view) => [view.id, view.offer?.agentId]);

describe('the offers a batch of hub events leaves open', () => {
  it('finds every conversation offered in the batch, with the view the hub sent', () => {
    const offers = openOffersAtEnd([offered('c-1'), offered('c-2', 'u-agent2')]);

    expect(idsAndAgents(offers)).toEqual([['c-1', 'u-agent'], ['c-2', 'u-agent2']]);
    expect(offers[0]?.envelope.customer.name).toBe('Maria Okafor');
    expect(offers[0]?.state).toBe('offered');
  });

  it('leaves out an offer declined, taken or resolved later in the same batch', () => {
    const offers = openOffersAtEnd([offered('c-1'), backInQueue('c-1'), offered('c-2'), assigned('c-2'), offered('c-3')]);

    expect(idsAndAgents(offers)).toEqual([['c-3', 'u-agent']]);
  });

  it('keeps the later of two offers of one conversation in a batch', () => {
    const offers = openOffersAtEnd([offered('c-1', 'u-agent2', '2026-11-20T10:13:00Z'), backInQueue('c-1'), offered('c-1', 'u-agent', '2026-11-20T10:14:00Z')]);

    expect(offers.map((view) => view.offer)).toEqual([offerTo('u-agent', '2026-11-20T10:14:00Z')]);
  });

  it('keeps an offer open when what follows it in the batch does not change its state (a message, another offer ending)', () => {
    const offers = openOffersAtEnd([offered('c-1'), customerWrote('c-1'), offerEnded('c-1')]);

    expect(idsAndAgents(offers)).toEqual([['c-1', 'u-agent']]);
  });

  it('finds nothing in a batch without offers', () => {
    expect(openOffersAtEnd([assigned('c-1'), customerWrote('c-1')])).toEqual([]);
  });
});
