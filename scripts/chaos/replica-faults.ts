import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The replica test's fault part (test/hub/cluster/replicas.test.ts): three replicas behind
 * HAProxy, two SIGKILLed and restarted, PostgreSQL crashed mid-traffic. It lives in the vitest
 * suite beside its quick part (npm test), so chaos runs it there, with faults on and more handoffs.
 */
export function runReplicaFaults(options: { handoffs: number }): { passed: boolean } {
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'hub-postgres', 'test/hub/cluster/replicas.test.ts'], {
    cwd: ROOT,
    env: { ...process.env, WARMLINE_REPLICA_CHAOS: '1', WARMLINE_REPLICA_HANDOFFS: String(options.handoffs) },
    stdio: 'inherit',
  });
  return { passed: result.status === 0 };
}
