import WebSocket from 'ws';
import type { ServerMessage } from '../../src/shared/protocol';

/**
 * A bare subscriber of the hub's `/v1/stream`: says hello and hands each frame's text to `onFrame`.
 * Used to keep an agent present (routing offers only to connected agents) and to sample frames.
 */
export async function listenToStream(hubUrl: string, token: string, onFrame: (text: string) => void = () => undefined) {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/v1/stream`);
  let welcomed: () => void = () => undefined;
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"type":"welcome"')) welcomed();
    onFrame(text);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
  await welcome;
  return {
    close: () => socket.close(),
    parse: (text: string) => JSON.parse(text) as ServerMessage,
  };
}
