import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isLoopback, startHub } from '../../src/hub/server';
import { hubStorage, tempDir } from '../support/hub';

describe('starting a hub', () => {
  it('refuses --demo unless it listens on loopback, because the demo passwords are public', async () => {
    await expect(startHub({ port: 0, host: '0.0.0.0', dataDir: tempDir(), demo: true })).rejects.toThrow(/loopback/);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
  });

  it('picks a free port for --port 0 and answers /healthz when ready', async () => {
    const running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: false });
    try {
      expect(running.port).toBeGreaterThan(0);
      const health = await fetch(`${running.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    } finally {
      await running.close();
    }
  });

  it('closes even while a client is stuck halfway through sending a request', async () => {
    const running = await startHub({ port: 0, host: '127.0.0.1', ...(await hubStorage()), demo: false });
    const stuck = connect(running.port, '127.0.0.1');
    stuck.on('error', () => undefined);
    await new Promise((resolve) => stuck.once('connect', resolve));
    const requested = new Promise((resolve) => running.hub.app.server.once('request', resolve));
    // Headers promise 100 bytes of body; one arrives and the client goes quiet.
    stuck.write('POST /v1/handoffs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await requested;
    const hungUp = new Promise((resolve) => stuck.once('close', resolve));
    // Without the grace period this waits for Node's 300 s request timeout, past the test's limit.
    await running.close();
    await hungUp;
  }, 15_000);
});
