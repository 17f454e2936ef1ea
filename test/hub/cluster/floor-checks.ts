import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { Offer, Owner } from '../../../src/shared/conversation';
import type { HubEventBody } from '../../../src/shared/protocol';

export interface LogReplay {
  events: number;
  /** Offers made while the conversation still had another open offer. */
  doubleOffers: { seq: number; conversationId: string }[];
  /** Moments an agent held more conversations (assigned or offered) than their capacity. */
  overCapacity: { seq: number; agentId: string; load: number; capacity: number }[];
  /** The highest load each agent reached: proof the check had offers to check. */
  maxLoadSeen: Map<string, number>;
}

interface Slot {
  owner: Owner | null;
  state: string;
  offer: Offer | null;
}

/** Where a lifecycle event leaves the conversation's owner and open offer; null: unchanged. */
function slotAfter(body: HubEventBody, before: Slot): Slot | null {
  switch (body.type) {
    case 'conversation:queued':
    case 'conversation:offered':
    case 'conversation:assigned':
    case 'conversation:transferred':
      return { owner: body.conversation.owner, state: body.conversation.state, offer: body.conversation.offer };
    case 'conversation:state-changed':
      return { owner: body.owner, state: body.state, offer: body.offer };
    case 'conversation:resolved':
    case 'conversation:abandoned':
      return { owner: body.owner, state: 'closed', offer: null };
    case 'offer:ended':
      return { ...before, offer: null };
    default:
      return null;
  }
}

/**
 * Replays the floor's event log in sequence order, as any replica would read it, and checks the
 * two promises offers make: one open offer per conversation, and no agent over capacity (the
 * load routing counts: conversations assigned to them plus offers open to them).
 */
export async function replayLog(databaseUrl: string): Promise<LogReplay> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const capacities = new Map((await client.query<{ id: string; capacity: string }>(`SELECT id, capacity FROM users WHERE role = 'agent'`)).rows.map((row) => [row.id, Number(row.capacity)]));
    const { rows } = await client.query<{ seq: string; conversation_id: string; body: string }>('SELECT seq, conversation_id, body FROM events ORDER BY seq');
    const slots = new Map<string, Slot>();
    const result: LogReplay = { events: rows.length, doubleOffers: [], overCapacity: [], maxLoadSeen: new Map() };
    const loadOf = (agentId: string) =>
      [...slots.values()].filter((slot) => (slot.state === 'assigned' && slot.owner?.kind === 'agent' && slot.owner.id === agentId) || slot.offer?.agentId === agentId).length;
    for (const row of rows) {
      const body = JSON.parse(row.body) as HubEventBody;
      const before = slots.get(row.conversation_id) ?? { owner: null, state: 'bot', offer: null };
      const after = slotAfter(body, before);
      if (!after) continue;
      if (body.type === 'conversation:offered' && before.offer !== null) result.doubleOffers.push({ seq: Number(row.seq), conversationId: row.conversation_id });
      slots.set(row.conversation_id, after);
      for (const agentId of new Set([after.offer?.agentId, after.owner?.kind === 'agent' ? after.owner.id : undefined])) {
        if (!agentId) continue;
        const load = loadOf(agentId);
        const capacity = capacities.get(agentId) ?? 0;
        result.maxLoadSeen.set(agentId, Math.max(result.maxLoadSeen.get(agentId) ?? 0, load));
        if (load > capacity) result.overCapacity.push({ seq: Number(row.seq), agentId, load, capacity });
      }
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The outbox as stored: every status callback the hub owes a bot, and whether it went. */
export async function storedCallbacks(databaseUrl: string): Promise<{ id: string; isDelivered: boolean; isGivenUp: boolean }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; delivered_at: string | null; given_up_at: string | null }>('SELECT id, delivered_at, given_up_at FROM callback_deliveries');
    return rows.map((row) => ({ id: row.id, isDelivered: row.delivered_at !== null, isGivenUp: row.given_up_at !== null }));
  } finally {
    await client.end();
  }
}

/** A bot's callback endpoint on loopback: counts each `webhook-id` it receives and answers 200. */
export async function callbackReceiver(): Promise<{ url: string; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = request.headers['webhook-id'];
      if (typeof id === 'string') received.set(id, (received.get(id) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/warmline-callbacks`,
    received,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
