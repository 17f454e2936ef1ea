import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/hub/auth/passwords';
import type { RunningHub } from '../../src/hub/server';
import { startBenchHubProcess } from './start-hub';

export const BENCH_QUEUE = 'bench';
export const BENCH_INTEGRATION_TOKEN = 'bench-integration-token';
export const BENCH_PASSWORD = 'bench-password';
export const BENCH_AGENT = { id: 'u_bench_agent', email: 'agent@bench' };
export const BENCH_SUPERVISOR = { id: 'u_bench_supervisor', email: 'supervisor@bench' };
/** Large enough that the agent never runs out of capacity: every handoff of a run is offered. */
const AGENT_CAPACITY = 1_000_000;
/**
 * What the bench envelopes ask of an agent (routing.skills and routing.language in envelopes.ts).
 * Without them routing finds nobody eligible, every handoff waits, and "offered" measures nothing.
 */
export const BENCH_AGENT_SKILLS = { skills: ['refunds'], languages: ['en'] };

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export interface BenchHub {
  running: RunningHub;
  url: string;
  close(): Promise<void>;
}

/**
 * The real hub (`startHub`, as `npm run hub` runs it) on a loopback port and a temp data dir (its
 * SQLite store, or only its files when `databaseUrl` names a PostgreSQL database), with bench
 * accounts made through its own AccountRepository, the way seed.ts makes the demo ones.
 */
export async function startBenchHub(options: { offerTimeoutMs?: number | null; databaseUrl?: string } = {}): Promise<BenchHub> {
  const dataDir = tempDir('warmline-bench-hub-');
  const running = await startBenchHubProcess({ dataDir, demo: false, ...options });
  const { accounts } = running.hub.context;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await accounts.saveQueue(BENCH_QUEUE, 'Bench queue');
  await accounts.saveUser({ ...BENCH_AGENT, ...BENCH_AGENT_SKILLS, name: 'Bench Agent', role: 'agent', capacity: AGENT_CAPACITY, passwordHash, queues: [BENCH_QUEUE] });
  await accounts.saveUser({ ...BENCH_SUPERVISOR, name: 'Bench Supervisor', role: 'supervisor', capacity: 0, passwordHash, queues: [BENCH_QUEUE] });
  await accounts.saveIntegration('bench', 'Bench bots', BENCH_INTEGRATION_TOKEN, BENCH_QUEUE);
  return {
    running,
    url: running.url,
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in over the hub's real HTTP route and returns the session token. */
export async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench sign-in as ${email} failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
