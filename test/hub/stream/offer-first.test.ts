import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, hubStorage, integrationAuth, openStream, signIn } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A bot's POST over a raw socket; `onAnswer` runs as the answer's status line is read. */
function postAsBot(url: string, body: unknown, onAnswer: () => void): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/v1/handoffs`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...integrationAuth } },
      (response) => {
        onAnswer();
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

describe('the stream and the bot that hands off', () => {
  it('sends the agent their offer before it answers the bot', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: true });
    const agent = await openStream(running.url, await signIn(running.url, 'agent@demo'));
    await agent.waitFor(() => agent.messages.find((message) => message.type === 'welcome'));
    const offeredToAgent = () => agent.events().some((event) => event.type === 'conversation:offered' && event.offer.agentId === 'u_agent');

    let hadOfferWhenAnswered: boolean | null = null;
    const status = await postAsBot(running.url, envelope(), () => (hadOfferWhenAnswered = offeredToAgent()));

    expect(status).toBe(201);
    expect(hadOfferWhenAnswered).toBe(true);
    agent.close();
  });
});
