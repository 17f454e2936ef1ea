import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../src/hub/admin/admin-cli';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { tempDir } from '../../support/hub';
import { testDatabase } from '../../support/test-store';
import { auditOf } from './admin-hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** Where the command and the hub started after it keep the store: a data folder, or the suite's PostgreSQL database. */
async function serverStore(): Promise<{ args: string[]; hub: { dataDir: string } | { databaseUrl: string } }> {
  const { databaseUrl } = await testDatabase();
  if (databaseUrl) return { args: ['--database', databaseUrl], hub: { databaseUrl } };
  const dataDir = tempDir();
  return { args: ['--data', dataDir], hub: { dataDir } };
}

async function adminCreate(store: { args: string[] }, email: string, name = 'Ada Admin') {
  const lines: string[] = [];
  const exitCode = await runAdminCommand(['create', '--email', email, '--name', name, ...store.args, '--hub-url', 'https://hub.example/'], (line) => lines.push(line));
  const code = /code .*: ([A-Z0-9-]{23})$/m.exec(lines.join('\n'))?.[1] ?? null;
  return { exitCode, output: lines.join('\n'), code };
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
const setPassword = (url: string, code: string, password: string) =>
  fetch(`${url}/v1/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, password }) });

describe('the first admin of a fresh hub', () => {
  it('is created by the server command and signs in after setting a password with the one-time code', async () => {
    const store = await serverStore();
    const created = await adminCreate(store, 'Ada@Example.com');
    expect(created.exitCode).toBe(0);
    expect(created.output).toContain('First admin created: Ada Admin <ada@example.com>.');
    expect(created.output).toContain(`Set it at https://hub.example/set-password#code=${created.code}`);

    running = await startHub({ port: 0, host: '127.0.0.1', ...store.hub, demo: false });
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
    const store = await serverStore();
    expect((await adminCreate(store, 'ada@example.com')).exitCode).toBe(0);
    const second = await adminCreate(store, 'mallory@example.com', 'Mallory');
    expect(second.exitCode).toBe(1);
    expect(second.output).toMatch(/already has an admin/);
    expect(second.code).toBeNull();

    running = await startHub({ port: 0, host: '127.0.0.1', ...store.hub, demo: false });
    const audit = await auditOf(running.hub.db);
    expect(audit.map((entry) => [entry.action, entry.actor.id, (entry.after as { email: string }).email])).toEqual([['person.created', 'server-cli', 'ada@example.com']]);
    expect(JSON.stringify(audit)).not.toMatch(/[A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect((await signIn(running.url, 'mallory@example.com', 'whatever password')).status).toBe(401);
  });

  it('refuses a malformed email, a missing name and a database that is not PostgreSQL with a clear message', async () => {
    const store = await serverStore();
    const bad = await adminCreate(store, 'not an email');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toMatch(/--email must be an email address/);
    const lines: string[] = [];
    expect(await runAdminCommand(['create', '--email', 'a@b.example', ...store.args], (line) => lines.push(line))).toBe(2);
    expect(lines.join('\n')).toMatch(/Usage: npm run hub -- admin create/);
    const wrongStore: string[] = [];
    expect(await runAdminCommand(['create', '--email', 'a@b.example', '--name', 'A', '--database', 'mysql://db.example/warmline'], (line) => wrongStore.push(line))).toBe(2);
    expect(wrongStore.join('\n')).toMatch(/--database must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('serves the set-password page under a strict policy, with the code kept out of the URL sent to the server', async () => {
    running = await startHub({ port: 0, host: '127.0.0.1', ...(await serverStore()).hub, demo: false });
    const page = await fetch(`${running.url}/set-password`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Set your Warmline password');
    const short = await setPassword(running.url, 'ABCDE-FGHJK-LMNPQ-RSTUV', 'short');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('password');
  });
});
