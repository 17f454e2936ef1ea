import * as events from 'node:events';
import { readFileSync } from 'node:fs';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { join } from 'node:path';
import { runInContext, createContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORE_EVENT_CHANNEL, ipcChannels } from '../../src/shared/ipc';
import { tempDir } from '../support/hub';
import { buildApp } from './electron-stand-in/built-app';

/**
 * The built preload (out/preload/index.js) run the way Electron runs a sandboxed preload
 * (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts): in its own context,
 * wrapped in a function that receives a `require` which loads only `electron` (its renderer
 * modules), `events`, `timers` and `url`, plus the Buffer, process, setImmediate and
 * clearImmediate globals (the wrapper of lib/sandboxed_renderer/init.ts). Anything else it requires
 * throws, as in Electron, and the page never gets window.warmline.
 */
const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'] as const;

function fakeIpcRenderer() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    invoked,
    listeners,
    invoke: (channel: string, request: unknown) => (invoked.push([channel, request]), Promise.resolve({ ok: true, value: 'answer' })),
    on(channel: string, listener: (event: unknown, payload: unknown) => void) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
      listeners.get(channel)?.delete(listener);
    },
  };
}

function loadPreload(file: string) {
  const ipcRenderer = fakeIpcRenderer();
  const exposed = new Map<string, unknown>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer,
    crashReporter: {},
    nativeImage: {},
    webFrame: {},
    webUtils: {},
  };
  const modules: Record<(typeof SANDBOX_MODULES)[number], unknown> = { electron, events, timers, url };
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    if (!(SANDBOX_MODULES as readonly string[]).includes(name)) throw new Error(`module not found: ${name}`);
    required.push(name);
    return modules[name as (typeof SANDBOX_MODULES)[number]];
  };
  const source = readFileSync(file, 'utf8');
  const wrapper = runInContext(`(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${source}\n})`, createContext({}));
  const module = { exports: {} };
  const process = { platform: 'linux', versions: {}, env: {} };
  wrapper(sandboxRequire, process, Buffer, {}, setImmediate, clearImmediate, module.exports, module);
  return { exposed, ipcRenderer, required };
}

let preloadFile = '';
beforeAll(() => {
  preloadFile = join(buildApp(tempDir('warmline-preload-')), 'preload/index.js');
}, 60_000);

describe('the built preload, under the sandbox', () => {
  it('loads with only the modules a sandboxed preload may require, and exposes window.warmline', () => {
    const { exposed, required } = loadPreload(preloadFile);
    expect(required.every((name) => (SANDBOX_MODULES as readonly string[]).includes(name))).toBe(true);
    expect([...exposed.keys()]).toEqual(['warmline']);
  });

  it('gives the page invoke and onEvent, frozen, and nothing else', () => {
    const api = loadPreload(preloadFile).exposed.get('warmline') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("passes every channel of the contract to IPC and refuses anything else without reaching it", async () => {
    const { exposed, ipcRenderer } = loadPreload(preloadFile);
    const api = exposed.get('warmline') as { invoke(channel: string, request?: unknown): Promise<unknown> };
    for (const channel of Object.keys(ipcChannels)) expect(await api.invoke(channel, undefined), channel).toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoked.map(([channel]) => channel)).toEqual(Object.keys(ipcChannels));
    for (const channel of [CORE_EVENT_CHANNEL, '__proto__', 'constructor', 'ELECTRON_BROWSER_REQUIRE']) {
      expect(await api.invoke(channel, undefined), channel).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(ipcRenderer.invoked).toHaveLength(Object.keys(ipcChannels).length);
  });

  it('hands event listeners the payload only, never the IPC event with its sender', () => {
    const { exposed, ipcRenderer } = loadPreload(preloadFile);
    const api = exposed.get('warmline') as { onEvent(listener: (...args: unknown[]) => void): () => void };
    const received: unknown[][] = [];
    const stop = api.onEvent((...args) => received.push(args));
    const [relay] = ipcRenderer.listeners.get(CORE_EVENT_CHANNEL)!;
    relay!({ sender: { send() {} } }, { type: 'history:purged', count: 1 });
    expect(received).toEqual([[{ type: 'history:purged', count: 1 }]]);
    stop();
    expect(ipcRenderer.listeners.get(CORE_EVENT_CHANNEL)!.size).toBe(0);
  });
});
