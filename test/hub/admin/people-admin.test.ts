import { afterEach, describe, expect, it } from 'vitest';
import type { AdminHub } from './admin-hub';
import { freshAdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

async function setUp(): Promise<AdminHub> {
  current = await freshAdminHub();
  const { call } = current;
  expect((await call('POST', '/v1/admin/skills', { id: 'billing', name: 'Billing' })).status).toBe(200);
  expect((await call('POST', '/v1/admin/queues', { id: 'support', name: 'Customer support' })).status).toBe(201);
  return current;
}

const agent = { email: 'Sam@Example.com', name: 'Sam Agent', role: 'agent', capacity: 2, skills: ['billing'], languages: ['en', 'es'], queues: ['support'] };

describe('people in administration', () => {
  it('adds an agent who sets a password with the one-time code and signs in with the role, skills and queues given', async () => {
    const { call, setPassword, signIn } = await setUp();
    const added = await call('POST', '/v1/admin/people', agent);
    expect(added.status).toBe(201);
    expect(added.json.person).toMatchObject({ email: 'sam@example.com', role: 'agent', capacity: 2, skills: ['billing'], languages: ['en', 'es'], queues: ['support'], isActive: true });
    expect(added.json.passwordCode.path).toBe(`/set-password#code=${encodeURIComponent(added.json.passwordCode.code)}`);
    expect(await setPassword(added.json.passwordCode.code, 'a long agent password')).toBe(204);
    const token = await signIn('sam@example.com', 'a long agent password');
    expect((await call('GET', '/v1/conversations', undefined, token)).status).toBe(200);
    const listed = await call('GET', '/v1/admin/people');
    expect(listed.json.people.map((person: { email: string }) => person.email)).toEqual(['ada@example.com', 'sam@example.com']);
  });

  it('refuses a duplicate email, an unknown skill and an unknown queue, naming each, and changes nothing', async () => {
    const { call } = await setUp();
    await call('POST', '/v1/admin/people', agent);
    const before = (await call('GET', '/v1/admin/audit')).json.entries.length;

    const duplicate = await call('POST', '/v1/admin/people', { ...agent, email: 'SAM@example.com', name: 'Another Sam' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatchObject({ code: 'duplicate_email', message: 'sam@example.com already has an account.' });

    const unknown = await call('POST', '/v1/admin/people', { ...agent, email: 'kim@example.com', skills: ['billing', 'wizardry'], queues: ['nowhere'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('unknown_reference');
    expect(unknown.json.error.details).toEqual([
      { path: 'skills', message: 'unknown skill: wizardry (add it under Skills first)' },
      { path: 'queues', message: 'unknown queue: nowhere' },
    ]);

    const malformed = await call('POST', '/v1/admin/people', { ...agent, email: 'kim@example.com', role: 'wallboard', extra: 1 });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details.map((problem: { path: string }) => problem.path).sort()).toEqual(['(root)', 'role']);

    expect((await call('GET', '/v1/admin/people')).json.people).toHaveLength(2);
    expect((await call('GET', '/v1/admin/audit')).json.entries).toHaveLength(before);
  });

  it('refuses to demote or deactivate the last active admin, and an admin deactivating themselves', async () => {
    const { call } = await setUp();
    const me = (await call('GET', '/v1/admin/people')).json.people[0];
    const demote = await call('PATCH', `/v1/admin/people/${me.id}`, { role: 'supervisor' });
    expect(demote.status).toBe(409);
    expect(demote.json.error).toMatchObject({ code: 'last_admin', message: "Ada Admin is the hub's last active admin: make someone else an admin first." });
    const self = await call('POST', `/v1/admin/people/${me.id}/deactivate`);
    expect(self.json.error.code).toBe('cannot_deactivate_self');
    expect((await call('GET', '/v1/admin/people')).json.people[0]).toMatchObject({ role: 'admin', isActive: true });

    // With a second admin, the first may step down.
    await call('POST', '/v1/admin/people', { ...agent, email: 'grace@example.com', name: 'Grace Admin', role: 'admin', skills: [] });
    expect((await call('PATCH', `/v1/admin/people/${me.id}`, { role: 'supervisor' })).status).toBe(200);
  });

  it('resets a password: the old one stops working at once and the code sets a new one', async () => {
    const { call, setPassword, signIn } = await setUp();
    const added = await call('POST', '/v1/admin/people', agent);
    await setPassword(added.json.passwordCode.code, 'first long password');
    const session = await signIn('sam@example.com', 'first long password');
    const reset = await call('POST', `/v1/admin/people/${added.json.person.id}/password-code`);
    expect(reset.status).toBe(200);
    expect((await call('GET', '/v1/conversations', undefined, session)).status).toBe(401);
    expect((await call('POST', '/v1/sessions', { email: 'sam@example.com', password: 'first long password' }, null)).status).toBe(401);
    expect(await setPassword(reset.json.passwordCode.code, 'second long password')).toBe(204);
    await signIn('sam@example.com', 'second long password');
    const audit = (await call('GET', '/v1/admin/audit')).json.entries;
    expect(audit[0]).toMatchObject({ action: 'person.password-reset', actor: { name: 'Ada Admin' }, target: { kind: 'person', id: added.json.person.id } });
    expect(JSON.stringify(audit)).not.toContain(reset.json.passwordCode.code);
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|passwordHash/);
  });

  it('records every change with who, when, before and after, readable and exported as CSV', async () => {
    const { call } = await setUp();
    const added = await call('POST', '/v1/admin/people', agent);
    await call('PATCH', `/v1/admin/people/${added.json.person.id}`, { capacity: 4 });
    const { entries } = (await call('GET', '/v1/admin/audit')).json;
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['person.updated', 'person.created', 'queue.created', 'skill.saved', 'person.created']);
    expect(entries[0].before.capacity).toBe(2);
    expect(entries[0].after.capacity).toBe(4);
    expect(entries[0].actor.name).toBe('Ada Admin');
    expect(Date.parse(entries[0].at)).toBeGreaterThan(Date.now() - 60_000);

    const csv = await call('GET', '/v1/admin/audit?format=csv');
    expect(csv.status).toBe(200);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor_id,actor_name,action,target_kind,target_id,before,after');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toContain(',Ada Admin,person.updated,person,');
    expect(csv.text).not.toContain(added.json.passwordCode.code);
  });
});
