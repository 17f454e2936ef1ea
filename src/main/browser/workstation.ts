import { createCore } from '../core/create-core';
import { createHandlers } from '../core/handlers';
import type { Notifier } from '../notify/notifier';
import { startBridgeServer } from './bridge-server';

export interface WorkstationOptions {
  dataDir: string;
  hubUrl: string;
  rendererDir: string;
  notifier: Notifier;
  port?: number;
}

/** One browser-mode workstation: a desktop core with its own cache, served to a browser tab. */
export async function startWorkstation(options: WorkstationOptions) {
  const core = createCore({ dataDir: options.dataDir, defaultHubUrl: options.hubUrl, notifier: options.notifier });
  core.start();
  const server = await startBridgeServer({
    rendererDir: options.rendererDir,
    handlers: createHandlers(core),
    onEvent: core.onEvent,
    port: options.port,
  });
  return {
    core,
    url: server.url,
    async close(): Promise<void> {
      await server.close();
      core.close();
    },
  };
}
