import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { hashPassword } from '../../src/hub/auth/passwords';
import { WEB_CHAT_INTEGRATION, type ChatService } from '../../src/hub/chat/chat-service';
import type { RunningHub } from '../../src/hub/server';
import type { ChatServerMessage } from '../../src/shared/chat-protocol';
import type { ConversationView } from '../../src/shared/conversation';
import type { ServerMessage } from '../../src/shared/protocol';
import { BENCH_PASSWORD, tempDir } from './hub-fixture';
import { createPoster } from './http-post';
import { createRandom } from './prng';
import { createSentences } from './sentences';
import { startBenchHubProcess } from './start-hub';
import { listenToStream } from './stream-listener';

export const TRANSCRIPT_AGENT = { id: 'u_transcript_agent', email: 'agent@transcript' };
export const TRANSCRIPT_CUSTOMER = 'Long Conversation Customer';
const QUEUE = 'long-chats';
const AGENT_TOKEN = 'bench-transcript-agent-token';
const DAY_MS = 24 * 3600_000;
/** Words that make the demo bot hand the chat over (see demo-bot.ts): kept out of the bot phase. */
const ASKS_FOR_HUMAN = /\b(human|person|someone|somebody|agent|representative|operator|advis[eo]r|staff)\b|talk to/i;

export interface LongConversation {
  hub: RunningHub;
  conversationId: string;
  /** Turns the agent's transcript shows: the handed-over chat plus every message after it. */
  turns: number;
  /** Of those, the turns of the bot phase that came in the handoff envelope. */
  handoffTurns: number;
  deliverSeconds: number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The customer's side of the web chat: joined over its real socket, which echoes every turn. What
 * the customer says goes to the hub's chat service in this process: the socket allows a customer
 * 20 messages a minute, and this builds a conversation of thousands of turns.
 */
async function openChat(hubUrl: string, name: string, chatService: ChatService) {
  const started = await fetch(`${hubUrl}/v1/chat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  if (started.status !== 201) throw new Error(`chat session refused: ${started.status}`);
  const { token } = (await started.json()) as { token: string };
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/v1/chat/stream`);
  let turnsSeen = 0;
  let waiter: { count: number; done: () => void } | null = null;
  let joined: () => void = () => undefined;
  const isJoined = new Promise<void>((resolve) => (joined = resolve));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ChatServerMessage;
    if (message.type === 'error') throw new Error(`chat error: ${message.code} ${message.message}`);
    // The history answers the join: from then on the socket hears every turn.
    if (message.type === 'history') return void ((turnsSeen += message.turns.length), joined());
    if (message.type !== 'turn') return;
    turnsSeen += 1;
    if (waiter && turnsSeen >= waiter.count) waiter.done();
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'join', v: 1, token }));
  await isJoined;
  let said = 0;
  // One after another, as over the customer's one socket: the hub stores them in the order said.
  let saying: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  return {
    say(text: string): void {
      said += 1;
      const clientMessageId = `bench-${said}`;
      saying = saying.then(() => chatService.say(token, text, clientMessageId)).catch((error: unknown) => void (failure ??= error));
    },
    /** Resolves once the hub has echoed `count` turns (the customer's own and the bot's) since joining. */
    turnsEchoed(count: number, timeoutMs: number): Promise<void> {
      if (failure) return Promise.reject(failure instanceof Error ? failure : new Error(String(failure)));
      if (turnsSeen >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the chat echoed ${turnsSeen} of ${count} turns`)), timeoutMs);
        waiter = {
          count,
          done: () => {
            clearTimeout(timer);
            waiter = null;
            resolve();
          },
        };
      });
    },
    close: () => socket.close(),
  };
}

/**
 * Exchanges with the bot before the customer asks for a person: a realistic bot phase is a handful
 * of questions, and each one rewrites the web chat session's stored transcript (quadratic in its
 * length), so a long bot phase only made the figure slow to build.
 */
const BOT_EXCHANGES = 15;
/** Agent replies in flight at once: enough to keep the hub busy, few enough to look like typing agents. */
const AGENT_REPLIES_IN_FLIGHT = 8;

/** How a conversation of `turns` splits: a short bot phase (greeting, exchanges, the ask for a person), the rest live. */
export function splitTurns(turns: number): { botExchanges: number; liveExchanges: number } {
  const botExchanges = Math.max(1, Math.min(BOT_EXCHANGES, Math.round((turns * 0.2) / 2)));
  // The handoff carries 2 turns per exchange plus the greeting and the ask for a person and its answer;
  // the agent's accept adds one system line.
  const liveExchanges = Math.max(1, Math.round((turns - (2 * botExchanges + 3) - 1) / 2));
  return { botExchanges, liveExchanges };
}

/** Runs `send(i)` for i below `count` with at most `inFlight` running at once. */
async function sendBounded(count: number, inFlight: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await send(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/**
 * A real hub holding one very long conversation, made the way a customer makes one: over the demo
 * web chat's socket the customer exchanges `botExchanges` messages with the demo bot (each asks
 * something it can answer, so it never gives up), then asks for a person; the chat is handed over
 * through the hub's ingest, an online agent accepts it over HTTP, and customer (socket) and agent
 * (`POST /v1/conversations/:id/messages`, a few at once) trade `liveExchanges` messages each. The agent's
 * workstation is not signed in yet: it receives the whole conversation when it syncs.
 */
export async function startLongConversation(options: { botExchanges: number; liveExchanges: number }): Promise<LongConversation> {
  const started = performance.now();
  const dataDir = tempDir('warmline-bench-transcript-');
  const hub = await startBenchHubProcess({ dataDir, demo: false, customerChat: true, offerTimeoutMs: null });
  const { accounts } = hub.hub.context;
  await accounts.saveQueue(QUEUE, 'Long chats');
  await accounts.saveIntegration(WEB_CHAT_INTEGRATION, 'Warmline web chat', 'bench-web-chat-token', QUEUE);
  await accounts.saveUser({ ...TRANSCRIPT_AGENT, name: 'Transcript Agent', role: 'agent', capacity: 5, passwordHash: await hashPassword(BENCH_PASSWORD), queues: [QUEUE] });
  await accounts.createSession(AGENT_TOKEN, TRANSCRIPT_AGENT.id, new Date(), DAY_MS);

  let offered: string | null = null;
  const agentStream = await listenToStream(hub.url, AGENT_TOKEN, (text) => {
    if (!text.includes('"conversation:offered"')) return;
    const message = JSON.parse(text) as ServerMessage;
    if (message.type !== 'events') return;
    for (const event of message.events) if (event.type === 'conversation:offered') offered = event.conversationId;
  });
  const chat = await openChat(hub.url, TRANSCRIPT_CUSTOMER, hub.hub.chat);
  const poster = createPoster(hub.url, AGENT_TOKEN, AGENT_REPLIES_IN_FLIGHT);
  try {
    const random = createRandom(5000);
    const sentences = createSentences(random);
    const said = (make: () => string) => {
      for (;;) {
        const text = make();
        if (!ASKS_FOR_HUMAN.test(text)) return text;
      }
    };
    // The greeting is the first turn; each question then echoes the customer's turn and the answer.
    // One question at a time, as a customer waits for each answer (and the hub stays responsive).
    for (let i = 0; i < options.botExchanges; i += 1) {
      chat.say(`${said(sentences.customer)}. And what are your opening hours?`);
      await chat.turnsEchoed(2 * (i + 1), 60_000);
    }
    chat.say('Can I talk to a person please?');
    await chat.turnsEchoed(2 * (options.botExchanges + 1), 60_000);

    const waitUntil = performance.now() + 30_000;
    while (offered === null && performance.now() < waitUntil) await sleep(20);
    const conversationId: string | null = offered;
    if (conversationId === null) throw new Error('the long chat was never offered to the agent');
    const path = `/v1/conversations/${conversationId}`;
    const accepted = await poster.post(`${path}/accept`, '{}');
    if (accepted.status !== 200) throw new Error(`accept refused: ${accepted.status} ${accepted.text.slice(0, 200)}`);

    // The customer's messages go over one socket, so the hub stores them in the order said; the
    // agent's replies are separate requests, a few in flight, so the two sides interleave as in a
    // busy chat without one waiting on the other's round trip.
    const replies = Array.from({ length: options.liveExchanges }, () => sentences.bot());
    await sendBounded(options.liveExchanges, AGENT_REPLIES_IN_FLIGHT, async (i) => {
      chat.say(sentences.customer());
      const body = JSON.stringify({ clientMessageId: `bench-agent-${i}`, text: replies[i] });
      const answer = await poster.post(`${path}/messages`, body);
      if (answer.status >= 300) throw new Error(`agent reply refused: ${answer.status} ${answer.text.slice(0, 200)}`);
    });
    // The customer's socket messages are stored in the order sent; wait for the last of them.
    const readView = async () => (await (await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } })).json()) as ConversationView;
    let view = await readView();
    const storedUntil = performance.now() + 120_000;
    while (view.messages.filter((message) => message.author === 'customer').length < options.liveExchanges) {
      if (performance.now() > storedUntil) throw new Error('the customer\'s live messages were not all stored');
      await sleep(50);
      view = await readView();
    }
    const handoffTurns = view.envelope.transcript.length;
    return {
      hub,
      conversationId,
      turns: handoffTurns + view.messages.length,
      handoffTurns,
      deliverSeconds: (performance.now() - started) / 1000,
      async close() {
        chat.close();
        await hub.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    chat.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    agentStream.close();
    poster.close();
  }
}
