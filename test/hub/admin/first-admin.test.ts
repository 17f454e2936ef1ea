import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../src/hub/admin/admin-cli';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { createAuditRepository } from '../../../src/hub/store/audit';
import { tempDir } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

function adminCreate(dataDir: string, email: string, name = 'Ada Admin') {
  const lines: string[] = [];
  const exitCode = runAdminCommand(['create', '--email', email, '--name', name, '--data', dataDir, '--hub-url', 'https://hub.example/'], (line) => lines.push(line));
  const code = /code .*: ([A-Z0-9-]{23})$/m.exec(lines.join('\n'))?.[1] ?? null;
  return { exitCode, output: lines.join('\n'), code };
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
const setPassword = (url: string, code: string, password: string) =>
  fetch(`${url}/v1/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, password }) });

describe('the first admin of a fresh hub', () => {
  it('is created by the server command and signs in after setting a password with the one-time code', async () => {
    const dataDir = tempDir();
    const created = adminCreate(dataDir, 'Ada@Example.com');
    expect(created.exitCode).toBe(0);
    expect(created.output).toContain('First admin created: Ada Admin <ada@example.com>.');
    expect(created.output).toContain(`Set it at https://hub.example/set-password#code=${created.code}`);

    running = await startHub({ port: 0, host: '127.0.0.1', dataDir, demo: false });
    // No password exists until the code is used: not even an empty one signs in.
    expect((await signIn(running.url, 'ada@example.com', '')).status).toBe(400);
    expect((await signIn(running.url, 'ada@example.com', 'anything at all')).status).toBe(401);

    expect((await setPassword(running.url, created.code!.toLowerCase(), 'correct horse battery')).status).toBe(204);
    const session = await signIn(running.url, 'ada@example.com', 'correct horse battery');
    expect(session.status).toBe(201);
    expect(((await session.json()) as { user: { role: string } }).user.role).toBe('admin');

    // The code worked once.
    const again = await setPassword(running.url, created.code!, 'another long password');
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
    expect((await signIn(running.url, 'ada@example.com', 'correct horse battery')).status).toBe(201);
  });

  it('is refused once the hub has an admin, and nothing changes', async () => {
    const dataDir = tempDir();
    expect(adminCreate(dataDir, 'ada@example.com').exitCode).toBe(0);
    const second = adminCreate(dataDir, 'mallory@example.com', 'Mallory');
    expect(second.exitCode).toBe(1);
    expect(second.output).toMatch(/already has an admin/);
    expect(second.code).toBeNull();

    running = await startHub({ port: 0, host: '127.0.0.1', dataDir, demo: false });
    const audit = [...createAuditRepository(running.hub.db).all()];
    expect(audit.map((entry) => [entry.action, entry.actor.id, (entry.after as { email: string }).email])).toEqual([['person.created', 'server-cli', 'ada@example.com']]);
    expect(JSON.stringify(audit)).not.toMatch(/[A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect((await signIn(running.url, 'mallory@example.com', 'whatever password')).status).toBe(401);
  });

  it('refuses a malformed email and a missing name with a clear message', () => {
    const dataDir = tempDir();
    const bad = adminCreate(dataDir, 'not an email');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toMatch(/--email must be an email address/);
    const lines: string[] = [];
    expect(runAdminCommand(['create', '--email', 'a@b.example', '--data', dataDir], (line) => lines.push(line))).toBe(2);
    expect(lines.join('\n')).toMatch(/Usage: npm run hub -- admin create/);
  });

  it('serves the set-password page under a strict policy, with the code kept out of the URL sent to the server', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: false });
    const page = await fetch(`${running.url}/set-password`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Set your Warmline password');
    const short = await setPassword(running.url, 'ABCDE-FGHJK-LMNPQ-RSTUV', 'short');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('password');
  });
});
