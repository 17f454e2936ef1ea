import WebSocket from 'ws';
import { CLOSE_CODES, type ServerMessage } from '../../shared/protocol';

/** Past this many unsent bytes a client is too slow; it is dropped rather than allowed to grow memory. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * One subscribed client. Events published in the same tick are coalesced into one frame: one
 * write per client instead of one per event (docs/decisions/006-hub-stream-coalescing.md).
 * `flushNow` sends what is queued at once, for events a person is waiting on (an offer).
 */
export function createClientChannel(socket: WebSocket, maxBufferedBytes = MAX_BUFFERED_BYTES) {
  // Events arrive already serialised (once per publish, not once per client); a frame joins them.
  let queued: string[] = [];
  let scheduled = false;
  // The catch-up's bytes still unsent: a client reading them is not slow, so they do not count toward
  // the cut-off. The allowance only shrinks as they drain, so a stalled client is still cut off.
  let catchUpBytes = 0;

  const sendText = (text: string): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    catchUpBytes = Math.min(catchUpBytes, socket.bufferedAmount);
    if (socket.bufferedAmount - catchUpBytes > maxBufferedBytes) {
      socket.close(CLOSE_CODES.tooSlow, 'client too slow: resume from your last seq');
      return;
    }
    socket.send(text);
  };
  const send = (message: ServerMessage): void => sendText(JSON.stringify(message));

  const sendQueued = (): void => {
    if (queued.length === 0) return;
    const events = queued;
    queued = [];
    sendText(`{"type":"events","v":1,"events":[${events.join(',')}]}`);
  };
  const flush = (): void => {
    scheduled = false;
    sendQueued();
  };

  return {
    send,
    /** `serialized` is `JSON.stringify(event)`, computed once by the publisher. */
    enqueue(serialized: string): void {
      queued.push(serialized);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    /** Sends the queued events now, in order; the tick's scheduled flush then sends only what came after. */
    flushNow: sendQueued,
    /** Marks everything sent so far as the catch-up (the replay after hello), exempt from the cut-off while it drains. */
    caughtUp(): void {
      catchUpBytes = socket.bufferedAmount;
    },
  };
}

export type ClientChannel = ReturnType<typeof createClientChannel>;
