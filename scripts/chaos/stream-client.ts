import WebSocket from 'ws';
import type { HubEvent, ServerMessage } from '../../src/shared/protocol';

/**
 * A desktop-like stream client that resumes from its last seq after every drop, signs in again
 * when its session is refused, and resyncs when told it is too far behind. It records what it saw
 * so the run can check exactly-once, in-order delivery.
 */
export function resumingClient(options: { url: string; email: string; name: string; onEvent?: (event: HubEvent) => void }) {
  let token = '';
  let lastSeq = 0;
  let welcomeSeq = 0;
  let socket: WebSocket | null = null;
  let stopped = false;
  const seen = new Map<string, number>();
  /** Per conversation, the client ids of the messages in the order the stream delivered them. */
  const messages = new Map<string, string[]>();
  const stats = { name: options.name, connects: 0, drops: 0, resyncs: 0, outOfOrder: 0, events: 0 };

  async function signIn(): Promise<void> {
    const response = await fetch(`${options.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: options.email, password: 'demo' }) });
    if (!response.ok) throw new Error(`sign-in ${response.status}`);
    token = ((await response.json()) as { token: string }).token;
  }

  function apply(events: HubEvent[]): void {
    for (const event of events) {
      if (event.seq <= lastSeq) {
        stats.outOfOrder += 1;
        continue;
      }
      lastSeq = event.seq;
      stats.events += 1;
      // Messages are counted one by one (by the writer's client id), everything else per conversation.
      const messageId = event.type === 'message:added' ? (event.message.clientMessageId ?? event.message.id) : null;
      const key = messageId === null ? `${event.type} ${event.conversationId}` : `message:added ${event.conversationId} ${messageId}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (messageId !== null) {
        const list = messages.get(event.conversationId) ?? [];
        list.push(messageId);
        messages.set(event.conversationId, list);
      }
      options.onEvent?.(event);
    }
  }

  async function connect(): Promise<void> {
    while (!stopped) {
      try {
        if (!token) await signIn();
        await new Promise<void>((opened, failed) => {
          const ws = new WebSocket(`${options.url.replace('http', 'ws')}/v1/stream`);
          let isOpen = false;
          socket = ws;
          ws.once('open', () => {
            isOpen = true;
            stats.connects += 1;
            ws.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq }));
            opened();
          });
          // Before open, the loop above retries; after it, the close handler does. Never both.
          ws.on('error', (error) => {
            if (!isOpen) failed(error);
          });
          ws.on('message', (data) => {
            if (socket !== ws) return;
            const message = JSON.parse(data.toString()) as ServerMessage;
            if (message.type === 'welcome') welcomeSeq = message.seq;
            if (message.type === 'events') apply(message.events);
            // A real desktop refetches its lists and goes on from the hub's seq; the run counts
            // resyncs apart, since what they skip is not delivered through the stream.
            if (message.type === 'resync-required') {
              stats.resyncs += 1;
              lastSeq = welcomeSeq;
            }
          });
          ws.once('close', (code) => {
            if (code === 4001) token = '';
            if (isOpen && !stopped && socket === ws) {
              stats.drops += 1;
              setTimeout(() => void connect(), 100);
            }
          });
        });
        return;
      } catch {
        await new Promise((wait) => setTimeout(wait, 100));
      }
    }
  }

  return {
    stats,
    seen,
    messages,
    start: connect,
    /** Drops the connection abruptly, as a flaky network would; the client resumes by itself. */
    flap(): void {
      socket?.terminate();
    },
    stop(): void {
      stopped = true;
      socket?.terminate();
    },
  };
}

export type ResumingClient = ReturnType<typeof resumingClient>;
