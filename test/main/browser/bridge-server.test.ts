import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBridgeServer } from '../../../src/main/browser/bridge-server';
import type { Handlers } from '../../../src/main/core/handlers';
import type { BridgeFrame, CoreEvent } from '../../../src/shared/ipc';

const focus = (id: string): CoreEvent => ({ type: 'conversation:focus-requested', id });

/** A bridge over a page-less renderer folder, whose one answering channel emits events before it answers. */
async function startBridge() {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-bridge-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Warmline</title>');
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => listeners.forEach((listener) => listener(event));
  const handlers = {
    'conversations:list': () => {
      emit(focus('before-answer'));
      return [];
    },
  } as Partial<Handlers> as Handlers;
  const server = await startBridgeServer({
    rendererDir: dir,
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const frames: BridgeFrame[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { origin: server.url });
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as BridgeFrame));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  // The server registers its listener on 'connection', which may follow the client's 'open'.
  while (listeners.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    emit,
    frames,
    socket,
    async close() {
      socket.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2000) throw new Error('timed out waiting for frames');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

let bridge: Awaited<ReturnType<typeof startBridge>> | null = null;
afterEach(async () => {
  await bridge?.close();
  bridge = null;
});

describe('the browser-mode bridge', () => {
  it('sends the events of one tick as one frame, in the order the core emitted them', async () => {
    bridge = await startBridge();
    bridge.emit(focus('a'));
    bridge.emit(focus('b'));
    bridge.emit(focus('c'));
    const { frames } = bridge;
    await until(() => frames.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frames).toEqual([{ kind: 'events', events: [focus('a'), focus('b'), focus('c')] }]);
  });

  it('sends the events emitted while answering a request ahead of the answer', async () => {
    bridge = await startBridge();
    bridge.socket.send(JSON.stringify({ id: 7, channel: 'conversations:list', request: undefined }));
    const { frames } = bridge;
    await until(() => frames.some((frame) => frame.kind === 'response'));
    expect(frames.map((frame) => frame.kind)).toEqual(['events', 'response']);
    expect(frames[0]).toEqual({ kind: 'events', events: [focus('before-answer')] });
  });
});
