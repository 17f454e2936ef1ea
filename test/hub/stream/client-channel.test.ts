import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { createClientChannel } from '../../../src/hub/stream/client-channel';

/** The part of a ws socket the channel uses, recording each frame written. */
function recordingSocket() {
  const frames: string[] = [];
  const closes: number[] = [];
  const socket = { readyState: WebSocket.OPEN, bufferedAmount: 0, send: (text: string) => void frames.push(text), close: (code: number) => void closes.push(code) };
  return { socket: socket as unknown as WebSocket, frames, closes, seqs: () => frames.map((frame) => (JSON.parse(frame) as { events: { seq: number }[] }).events.map((event) => event.seq)) };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));
const event = (seq: number) => JSON.stringify({ seq });

describe('a subscribed client channel', () => {
  it('joins the events of one tick into one frame', async () => {
    const { socket, seqs } = recordingSocket();
    const channel = createClientChannel(socket);

    [1, 2, 3].forEach((seq) => channel.enqueue(event(seq)));
    expect(seqs()).toEqual([]);
    await nextTick();

    expect(seqs()).toEqual([[1, 2, 3]]);
  });

  it('sends what is queued at once when asked, and the rest of the tick after it, in order and each once', async () => {
    const { socket, seqs } = recordingSocket();
    const channel = createClientChannel(socket);

    channel.enqueue(event(1));
    channel.enqueue(event(2));
    channel.flushNow();
    expect(seqs()).toEqual([[1, 2]]);
    channel.enqueue(event(3));
    await nextTick();
    channel.flushNow();

    expect(seqs()).toEqual([[1, 2], [3]]);
  });

  it('lets a resuming client drain a catch-up bigger than the cut-off, and cuts it off once it stalls past it', () => {
    const { socket, frames, closes } = recordingSocket();
    const buffered = socket as { bufferedAmount: number };
    const channel = createClientChannel(socket, 100);
    const frame = () => channel.send({ type: 'resync-required', v: 1, reason: 'too far behind' });
    frame();
    buffered.bufferedAmount = 1000;
    channel.caughtUp();

    frame();
    buffered.bufferedAmount = 400;
    frame();
    expect(closes).toEqual([]);
    expect(frames).toHaveLength(3);

    // 400 bytes of the catch-up are left: 101 more than that is past the cut-off.
    buffered.bufferedAmount = 501;
    frame();
    expect(closes).toEqual([CLOSE_CODES.tooSlow]);
    expect(frames).toHaveLength(3);
  });
});
