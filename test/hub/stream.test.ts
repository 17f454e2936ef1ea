import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HubEvent } from '../../src/shared/protocol';
import type { RunningHub } from '../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff, signIn, tempDir } from '../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const offeredTo = (events: HubEvent[], conversationId: string) =>
  events.find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId);

describe('the desktop event stream', () => {
  it('offers a handoff live to the signed-in agent, with the whole envelope', async () => {
    running = await listeningHub();
    const stream = await openStream(running.url, await signIn(running.url));
    await stream.waitFor(() => stream.messages.find((message) => message.type === 'welcome'));
    const { json } = await postHandoff(running.url, envelope());
    const offered = await stream.waitFor(() => offeredTo(stream.events(), json.conversationId!));
    expect(offered.type === 'conversation:offered' && offered.conversation.envelope.customer.name).toBe('Maria Okafor');
    stream.close();
  });

  it('replays exactly the events after the last seq a client applied, after a hub restart', async () => {
    const dataDir = tempDir();
    running = await listeningHub(dataDir);
    const token = await signIn(running.url);
    const first = await openStream(running.url, token);
    const a = (await postHandoff(running.url, envelope())).json.conversationId!;
    await first.waitFor(() => offeredTo(first.events(), a));
    const lastSeq = Math.max(...first.events().map((event) => event.seq));
    first.close();

    await running.close();
    running = await listeningHub(dataDir);
    const b = (await postHandoff(running.url, envelope())).json.conversationId!;
    const resumed = await openStream(running.url, token, lastSeq);
    const offer = await resumed.waitFor(() => offeredTo(resumed.events(), b));
    const seqs = resumed.events().map((event) => event.seq);
    expect(offer.conversationId).toBe(b);
    expect(Math.min(...seqs)).toBeGreaterThan(lastSeq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(resumed.events().some((event) => event.conversationId === a && event.type === 'conversation:offered')).toBe(false);
    resumed.close();
  });

  it('never streams one agent the offers made to another', async () => {
    running = await listeningHub();
    const alex = await openStream(running.url, await signIn(running.url, 'agent@demo'));
    await alex.waitFor(() => alex.messages.find((message) => message.type === 'welcome'));
    const sam = await openStream(running.url, await signIn(running.url, 'agent2@demo'));
    await sam.waitFor(() => sam.messages.find((message) => message.type === 'welcome'));
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push((await postHandoff(running.url, envelope())).json.conversationId!);
    await alex.waitFor(() => (alex.events().filter((e) => e.type === 'conversation:offered').length + sam.events().filter((e) => e.type === 'conversation:offered').length === 4 ? true : undefined));
    const alexIds = new Set(alex.events().map((event) => event.conversationId));
    const samIds = new Set(sam.events().map((event) => event.conversationId));
    expect([...alexIds].filter((id) => samIds.has(id))).toEqual([]);
    expect(alexIds.size).toBeGreaterThan(0);
    expect(samIds.size).toBeGreaterThan(0);
    alex.close();
    sam.close();
  });

  it('closes a connection that does not say hello with a valid token', async () => {
    running = await listeningHub();
    const socket = new WebSocket(`${running.url.replace('http', 'ws')}/v1/stream`);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', v: 1, token: 'forged', lastSeq: 0 }));
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(4001);
  });

  it('refuses a browser page from another origin', async () => {
    running = await listeningHub();
    const socket = new WebSocket(`${running.url.replace('http', 'ws')}/v1/stream`, { origin: 'https://evil.example' });
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error.message).toContain('403');
  });
});
