import type { HubEvent } from '../../src/shared/protocol';
import { createStreamClient } from '../../src/main/hub-client/stream-client';

type Offered = Extract<HubEvent, { type: 'conversation:offered' }>;

/**
 * A desktop's stream as the app runs it (the core's own stream client, its reconnect backoff
 * included) for one signed-in person, recording when each welcome, drop and offer arrived
 * (performance.now()), so the floor figures can time offers and reconnects from the outside.
 */
export interface FloorAgent {
  email: string;
  token: string;
  /** performance.now() of every welcome (the first connect, then each reconnect). */
  welcomes: number[];
  /** performance.now() of every drop of the stream. */
  drops: number[];
  /** When the offer of this conversation reached this stream (null: not within `timeoutMs`). */
  offerOf(conversationId: string, timeoutMs: number): Promise<{ at: number; event: Offered } | null>;
  /** The first event this stream got (or gets within `timeoutMs`) that `match` accepts. */
  eventMatching(match: (event: HubEvent) => boolean, timeoutMs: number): Promise<{ at: number; event: HubEvent } | null>;
  /** Every conversation offered to this stream's person so far, oldest first. */
  offeredIds(): string[];
  /** The next welcome after a drop (null: none within `timeoutMs`). */
  nextWelcome(after: number, timeoutMs: number): Promise<number | null>;
  stop(): void;
}

/** Signs in over the hub's HTTP route (through whatever `url` is: a replica or the balancer). */
export async function signInAs(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`sign-in as ${email} at ${url} failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function connectFloorAgent(url: string, email: string, password: string, timeoutMs = 15_000): Promise<FloorAgent> {
  const token = await signInAs(url, email, password);
  const welcomes: number[] = [];
  const drops: number[] = [];
  const seen: { at: number; event: HubEvent }[] = [];
  let lastSeq = 0;
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const client = createStreamClient({
    hubUrl: url,
    token,
    lastSeq: () => lastSeq,
    handlers: {
      onWelcome: () => {
        welcomes.push(performance.now());
        poke();
      },
      onEvents: (events) => {
        const at = performance.now();
        for (const event of events) {
          seen.push({ at, event });
          lastSeq = Math.max(lastSeq, event.seq);
        }
        poke();
      },
      onResyncRequired: () => undefined,
      onDisconnected: () => {
        drops.push(performance.now());
        poke();
      },
    },
  });
  /** Waits until `found` returns a value, or the timeout (null). */
  const until = <T>(found: () => T | null, ms: number): Promise<T | null> =>
    new Promise((resolve) => {
      const check = () => {
        const value = found();
        if (value === null) return;
        finish(value);
      };
      const finish = (value: T | null) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(null), ms);
      waiters.add(check);
      check();
    });

  client.start();
  if ((await until(() => (welcomes.length > 0 ? true : null), timeoutMs)) === null) {
    client.stop();
    throw new Error(`${email}'s stream at ${url} got no welcome within ${timeoutMs} ms`);
  }
  const eventMatching = (match: (event: HubEvent) => boolean, ms: number) => until(() => seen.find((entry) => match(entry.event)) ?? null, ms);
  return {
    email,
    token,
    welcomes,
    drops,
    offerOf: (conversationId, ms) =>
      eventMatching((event) => event.type === 'conversation:offered' && event.conversationId === conversationId, ms) as Promise<{ at: number; event: Offered } | null>,
    eventMatching,
    offeredIds: () => seen.flatMap(({ event }) => (event.type === 'conversation:offered' ? [event.conversationId] : [])),
    nextWelcome: (after, ms) => until(() => welcomes.find((at) => at > after) ?? null, ms),
    stop: () => client.stop(),
  };
}
