import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoHub } from '../embedded/demo-hub';
import { createOsNotifier } from '../notify/notifier';
import { startWorkstation } from './workstation';

const USAGE = `Usage: npm run serve [-- --demo] [--hub <url>] [--data <dir>] [--port <p>] [--traffic <per minute>]
  --demo      start an embedded hub on loopback with demo accounts and realistic traffic
  --hub       the hub to connect to when not in demo mode (default http://127.0.0.1:4700)
  --data      where the workstations keep their caches (default ~/.warmline/browser)
  --port      port of the agent workstation; the supervisor's is the next one (default 5170)
  --hub-port  port of the embedded demo hub (default 4700)
  --traffic   demo handoffs per minute (default 2)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      hub: { type: 'string', default: 'http://127.0.0.1:4700' },
      data: { type: 'string', default: join(homedir(), '.warmline', 'browser') },
      port: { type: 'string', default: '5170' },
      'hub-port': { type: 'string', default: '4700' },
      traffic: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  const rendererDir = resolve(__dirname, '../../../out/renderer');
  const notifier = createOsNotifier();

  const hub = values.demo
    ? await startDemoHub({ dataDir: join(values.data, 'hub'), port: Number(values['hub-port']), trafficPerMinute: Number(values.traffic) })
    : null;
  const hubUrl = hub?.url ?? values.hub;
  const agent = await startWorkstation({ dataDir: join(values.data, 'agent'), hubUrl, rendererDir, notifier, port });
  const supervisor = await startWorkstation({ dataDir: join(values.data, 'supervisor'), hubUrl, rendererDir, notifier, port: port === 0 ? 0 : port + 1 });

  if (hub) {
    // Demo workstations open signed in, so a newcomer lands in a live shift.
    if (!agent.core.session().user) await agent.core.signIn({ email: 'agent@demo', password: 'demo' });
    if (!supervisor.core.session().user) await supervisor.core.signIn({ email: 'supervisor@demo', password: 'demo' });
  }
  console.log(`Warmline in browser mode${hub ? ' (demo)' : ''}:
  Agent workspace:     ${agent.url}
  Supervisor console:  ${supervisor.url}
  Customer chat:       ${hubUrl}/chat
  Wallboard:           ${hub?.wallboardUrl ?? `${hubUrl}/wallboard/  (sign in with a wallboard account)`}
  Hub:                 ${hubUrl}${hub ? '  (sign in: agent@demo, agent2@demo, agent3@demo, supervisor@demo; password "demo")' : ''}
Open the workstations at exactly these addresses: each carries its key, and nothing else gets in.
Caches in ${values.data}. Press Ctrl+C to stop.`);

  const stop = async () => {
    await agent.close();
    await supervisor.close();
    await hub?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
