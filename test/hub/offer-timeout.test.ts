import { afterEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../src/shared/protocol';
import { startHub, type RunningHub } from '../../src/hub/server';
import { envelope, openStream, postHandoff, signIn, tempDir } from '../support/hub';
import { testDatabase } from '../support/test-store';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A listening demo hub on the suite's backend whose offers time out after `offerTimeoutMs`. */
async function hubWithOfferTimeout(offerTimeoutMs: number): Promise<RunningHub> {
  const { databaseUrl } = await testDatabase();
  return startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), ...(databaseUrl ? { databaseUrl } : {}), demo: true, offerTimeoutMs });
}

const offers = (events: HubEvent[]) => events.filter((event) => event.type === 'conversation:offered');

describe('offers that nobody answers', () => {
  it('move to the next free agent when they time out, and the first agent sees the offer withdrawn', async () => {
    running = await hubWithOfferTimeout(300);
    const alex = await openStream(running.url, await signIn(running.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const sam = await openStream(running.url, await signIn(running.url, 'agent2@demo'));
    await sam.waitFor(() => sam.messages.find((message) => message.type === 'welcome'));

    const id = (await postHandoff(running.url, envelope())).json.conversationId!;
    const first = await alex.waitFor(() => offers(alex.events()).find((event) => event.conversationId === id) ?? offers(sam.events()).find((event) => event.conversationId === id));
    if (first.type !== 'conversation:offered') throw new Error('not an offer');
    expect(first.offer.expiresAt).not.toBeNull();
    const [firstAgent, otherAgent] = first.offer.agentId === 'u_agent' ? [alex, sam] : [sam, alex];

    const moved = await otherAgent.waitFor(() => offers(otherAgent.events()).find((event) => event.conversationId === id), 5000);
    expect(moved.conversationId).toBe(id);
    const withdrawn = await firstAgent.waitFor(() =>
      firstAgent.events().find((event) => event.type === 'conversation:state-changed' && event.conversationId === id && event.offer === null),
    );
    expect(withdrawn.type === 'conversation:state-changed' && withdrawn.owner.why).toBe('the offer timed out');
    alex.close();
    sam.close();
  });

  it('comes back to the same agent when no one else is free, rather than waiting for ever', async () => {
    running = await hubWithOfferTimeout(200);
    const alex = await openStream(running.url, await signIn(running.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const id = (await postHandoff(running.url, envelope())).json.conversationId!;
    await alex.waitFor(() => (offers(alex.events()).filter((event) => event.conversationId === id).length >= 2 ? true : undefined), 5000);
    alex.close();
  });
});
