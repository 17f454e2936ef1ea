import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ipcChannels, type ChannelName } from '../../src/shared/ipc';
import { createCore } from '../../src/main/core/create-core';
import { createHandlers, dispatch } from '../../src/main/core/handlers';
import { startHub } from '../../src/hub/server';
import { describeInput, emptyFigures, record, type Figures } from './figures';
import { badInputLines, jsonTree, mutate, mutationPath } from './hostile';

/** A plausible request per channel; mutation damages one part of it. Channels taking nothing get {}. */
const SAMPLE: Partial<Record<ChannelName, unknown>> = {
  'session:sign-in': { email: 'agent@demo', password: 'demo' },
  'conversations:get': { id: 'c1' },
  'conversations:decline': { id: 'c1', reason: 'busy' },
  'conversations:reply': { id: 'c1', text: 'hello' },
  'history:search': { query: 'refund', ranked: true, filters: { queue: 'support' } },
  'history:list': { limit: 10 },
  'presence:set': { presence: 'away' },
  'preferences:set': { doNotDisturb: true },
  'conversations:transfer': { id: 'c1', to: { kind: 'queue', id: 'support' }, note: 'over' },
  'conversations:flag': { id: 'c1', message: 'help' },
  'conversations:resolve': { id: 'c1', disposition: 'resolved' },
  'links:open': { url: 'https://help.example.com/' },
  'supervisor:whisper': { id: 'c1', text: 'psst' },
  'supervisor:acknowledge-flag': { flagId: 'f1' },
};
/** Channels that end the session: fuzzed, then the session is restored so later channels are reached signed in. */
const ENDS_SESSION = new Set<string>(['session:sign-out', 'data:clear', 'session:sign-in']);

const channels = Object.keys(ipcChannels) as ChannelName[];
const request = fc.constantFrom(...channels).chain((channel) =>
  fc.tuple(
    fc.constant(channel),
    fc.oneof(
      { weight: 3, arbitrary: jsonTree },
      { weight: 4, arbitrary: fc.tuple(mutationPath, jsonTree).map(([path, value]) => mutate(SAMPLE[channel] ?? {}, path, value)) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, null, SAMPLE[channel]) },
    ),
  ),
);

/** Every IPC channel through the same dispatch the Electron and browser transports call, against a real core and hub. */
export async function fuzzIpc(options: { runs: number; seed: number }): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-fuzz-ipc-'));
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'hub'), demo: true, offerTimeoutMs: null });
  const core = createCore({ dataDir: dir, defaultHubUrl: hub.url, notifier: { notify: () => undefined }, allowedLinkHosts: [], openExternal: async () => undefined });
  const handlers = createHandlers(core);
  const figures = emptyFigures('desktop IPC');
  const signIn = () => core.signIn({ email: 'agent@demo', password: 'demo' }).catch(() => undefined);
  const call = async (channel: string, value: unknown) => {
    try {
      const result = await dispatch(handlers, channel, value);
      record(figures, result.ok ? 'ok' : result.error.code === 'internal' ? 'serverError' : 'rejected', () => `${channel} ${describeInput(value)} → ${JSON.stringify(result).slice(0, 200)}`);
    } catch (error) {
      record(figures, 'crash', () => `${channel} threw ${error instanceof Error ? error.message : String(error)}`);
    }
    if (ENDS_SESSION.has(channel) && !core.session().user) await signIn();
  };
  try {
    core.start();
    await signIn();
    for (const [channel, value] of fc.sample(request, { numRuns: options.runs, seed: options.seed })) await call(channel, value);
    for (const [index, line] of badInputLines().entries()) {
      const channel = channels[index % channels.length]!;
      await call(channel, mutate(SAMPLE[channel] ?? { id: line }, [0], line));
    }
    await call('not:a-channel', {});
    await call('__proto__', {});
    return figures;
  } finally {
    core.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
