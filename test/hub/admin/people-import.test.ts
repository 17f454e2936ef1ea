import { afterEach, describe, expect, it } from 'vitest';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

async function setUp(): Promise<AdminHub> {
  current = await freshAdminHub();
  const { call } = current;
  await call('POST', '/v1/admin/skills', { id: 'billing', name: 'Billing' });
  await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
  await call('POST', '/v1/admin/people', { email: 'sam@example.com', name: 'Sam Agent', role: 'agent', capacity: 2, queues: ['support'] });
  return current;
}

const GOOD = [
  'email,name,role,capacity,skills,languages,queues',
  'kim@example.com,Kim Lee,agent,3,billing,en;ko,support',
  'sam@example.com,Sam Agent,agent,4,,,support',
  '"ada@example.com","Ada Admin",admin,0,,,',
].join('\n');

describe('importing people from CSV', () => {
  it('previews what would change without writing, then applies it and returns the new people\'s one-time codes', async () => {
    const { call, setPassword, signIn } = await setUp();
    const preview = await call('POST', '/v1/admin/people/import', { csv: GOOD });
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({
      rows: [
        { line: 2, email: 'kim@example.com', action: 'create', changes: [] },
        { line: 3, email: 'sam@example.com', action: 'update', changes: ['capacity'] },
        { line: 4, email: 'ada@example.com', action: 'unchanged', changes: [] },
      ],
      problems: [],
      isApplied: false,
    });
    expect((await call('GET', '/v1/admin/people')).json.people).toHaveLength(2);

    const applied = await call('POST', '/v1/admin/people/import', { csv: GOOD, apply: true });
    expect(applied.json.isApplied).toBe(true);
    const people = (await call('GET', '/v1/admin/people')).json.people as { email: string; capacity: number; languages: string[] }[];
    expect(people.map((p) => [p.email, p.capacity])).toEqual([['ada@example.com', 0], ['kim@example.com', 3], ['sam@example.com', 4]]);
    expect(people[1]!.languages).toEqual(['en', 'ko']);
    const kim = applied.json.passwordCodes.find((entry: { email: string }) => entry.email === 'kim@example.com');
    expect(await setPassword(kim.passwordCode.code, 'kim long password')).toBe(204);
    await signIn('kim@example.com', 'kim long password');
  });

  it('names every bad row by its line and imports nothing from a broken file', async () => {
    const { call } = await setUp();
    const before = (await call('GET', '/v1/admin/audit')).json.entries.length;
    const broken = [
      'email,name,role,skills,queues',
      'kim@example.com,Kim Lee,agent,billing,support',
      'not-an-email,Nobody,agent,,',
      'lee@example.com,Lee,pilot,,',
      'max@example.com,Max,agent,juggling,nowhere',
      'kim@example.com,Kim Again,agent,,',
      'ada@example.com,Ada Admin,agent,,',
      'too,many,cells,here,x,y',
    ].join('\n');
    const answer = await call('POST', '/v1/admin/people/import', { csv: broken, apply: true });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_csv', message: 'Nothing was imported: 6 row(s) have problems.' });
    expect(answer.json.problems.map((problem: { line: number }) => problem.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const byLine = Object.fromEntries(answer.json.problems.map((problem: { line: number; message: string }) => [problem.line, problem.message]));
    expect(byLine[3]).toMatch(/^email: /);
    expect(byLine[4]).toMatch(/^role: /);
    expect(byLine[5]).toBe('skills: unknown skill: juggling (add it under Skills first); queues: unknown queue: nowhere');
    expect(byLine[6]).toBe('email: the same person is on line 2');
    expect(byLine[7]).toBe('role: this would leave the hub without an active admin');
    expect(byLine[8]).toMatch(/^a different number of cells than the header/);

    const unclosed = await call('POST', '/v1/admin/people/import', { csv: 'email,name,role\n"kim@example.com,Kim,agent\n' });
    expect(unclosed.json.problems).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/quote/i) }]);
    const header = await call('POST', '/v1/admin/people/import', { csv: 'mail,name\nkim@example.com,Kim\n' });
    expect(header.json.problems.map((problem: { message: string }) => problem.message)).toEqual(expect.arrayContaining([expect.stringMatching(/unknown column\(s\): mail/), 'missing column(s): email, role']));

    expect((await call('GET', '/v1/admin/people')).json.people).toHaveLength(2);
    expect((await call('GET', '/v1/admin/audit')).json.entries).toHaveLength(before);
  });
});

describe('retention', () => {
  it('keeps the hub and desktop cache retention an admin sets, refusing nonsense', async () => {
    const { call } = await setUp();
    expect((await call('GET', '/v1/admin/retention')).json.retention).toEqual({ hubDays: null, desktopCacheDays: 90 });
    expect((await call('PUT', '/v1/admin/retention', { hubDays: 0, desktopCacheDays: 30 })).status).toBe(400);
    expect((await call('PUT', '/v1/admin/retention', { hubDays: 400, desktopCacheDays: 30 })).json.retention).toEqual({ hubDays: 400, desktopCacheDays: 30 });
    expect((await call('GET', '/v1/admin/audit')).json.entries[0]).toMatchObject({ action: 'retention.updated', before: { hubDays: null }, after: { hubDays: 400 } });
  });
});
