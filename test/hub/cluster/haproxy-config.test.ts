import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderHaproxyConfig } from '../../../scripts/replicas/haproxy-config';
import { onSqliteRun } from './private-postgres';

const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
const run = promisify(execFile);

describe.runIf(onSqliteRun)('the load balancer configuration', () => {
  const replicas = [4811, 4812, 4813, 4814, 4815].map((port) => ({ host: '127.0.0.1', port }));

  it('lists one health-checked server per replica and listens where it is told', () => {
    const config = renderHaproxyConfig({ listen: { host: '127.0.0.1', port: 4810 }, replicas });
    expect(config.match(/^[ \t]*bind .*$/gm)).toEqual(['    bind 127.0.0.1:4810']);
    expect(config.match(/^[ \t]*server .*$/gm)).toEqual(replicas.map((replica, i) => `    server hub${i + 1} 127.0.0.1:${replica.port}`));
    expect(config).toMatch(/default-server check .*on-marked-down shutdown-sessions/);
    expect(config).toMatch(/http-check send meth GET uri \/healthz/);
    expect(config).toMatch(/timeout tunnel 1h/);
  });

  it('refuses a floor without replicas and a template without server lines', () => {
    expect(() => renderHaproxyConfig({ listen: { host: '127.0.0.1', port: 1 }, replicas: [] })).toThrow(/at least one replica/);
    expect(() => renderHaproxyConfig({ listen: { host: '127.0.0.1', port: 1 }, replicas, template: 'frontend f\n    bind :1\n' })).toThrow(/no server line/);
  });

  it.skipIf(!existsSync(HAPROXY))('is a configuration HAProxy accepts, as kept and as rendered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmline-haproxy-'));
    try {
      const rendered = join(dir, 'haproxy.cfg');
      writeFileSync(rendered, renderHaproxyConfig({ listen: { host: '127.0.0.1', port: 4810 }, replicas }));
      for (const file of [rendered, join(__dirname, '../../../deploy/haproxy/warmline.cfg')]) {
        const { stdout } = await run(HAPROXY, ['-c', '-f', file]);
        expect(stdout).toContain('Configuration file is valid');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
