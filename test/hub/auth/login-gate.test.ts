import { randomBytes, scrypt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { createLoginGate, DEFAULT_LOGIN_GATE } from '../../../src/hub/auth/login-gate';
import { setPasswordCost, verifyPassword } from '../../../src/hub/auth/passwords';
import { seedDemo } from '../../../src/hub/demo/seed';
import { testHub } from '../../support/test-store';

let clock = Date.parse('2026-12-01T09:00:00Z');
let hub: Hub | null = null;
afterEach(async () => {
  await hub?.app.close();
  hub = null;
  setPasswordCost('test');
});

async function demo(): Promise<Hub> {
  hub = await testHub({ now: () => new Date(clock) });
  await seedDemo(hub);
  return hub;
}

const signIn = (target: Hub, email: string, password: string, remoteAddress = '192.0.2.10') =>
  target.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, remoteAddress });

// Each of these signs in through scrypt dozens of times (16 MiB a hash): on PostgreSQL, on a busy machine, past the default budget.
const SIGN_IN_TIMEOUT_MS = 60_000;

describe('sign-in throttling', () => {
  it('locks an account after five wrong passwords, refuses even the right one meanwhile, and lets it in once the wait is over', async () => {
    const target = await demo();
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signIn(target, 'agent@demo', `guess-${attempt}`)).statusCode).toBe(401);
    expect((await signIn(target, 'agent@demo', 'guess-5')).statusCode).toBe(401);
    const locked = await signIn(target, 'agent@demo', 'demo', '198.51.100.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/wrong sign-ins/) } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    clock += 1000;
    // The next wrong one doubles the wait.
    expect((await signIn(target, 'agent@demo', 'guess-6')).statusCode).toBe(401);
    expect(Number((await signIn(target, 'agent@demo', 'demo')).headers['retry-after'])).toBe(2);
    clock += 2000;
    expect((await signIn(target, 'agent@demo', 'demo')).statusCode).toBe(201);
    // A right password clears the account's count: one slip later is an ordinary 401, not a lock.
    expect((await signIn(target, 'agent@demo', 'slip')).statusCode).toBe(401);
    expect((await signIn(target, 'agent@demo', 'demo')).statusCode).toBe(201);
  }, SIGN_IN_TIMEOUT_MS);

  it('refuses most of 64 wrong sign-ins in flight before hashing them, and the real user still gets in', async () => {
    const target = await demo();
    const attack = Array.from({ length: 64 }, (_, index) => signIn(target, 'agent@demo', `guess-${index}`, '203.0.113.9'));
    const legitimate = await signIn(target, 'supervisor@demo', 'demo', '192.0.2.20');
    expect(legitimate.statusCode).toBe(201);
    const statuses = (await Promise.all(attack)).map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(DEFAULT_LOGIN_GATE.maxInFlightPerAddress);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(64 - DEFAULT_LOGIN_GATE.maxInFlightPerAddress);
  }, SIGN_IN_TIMEOUT_MS);

  it('rehashes a password stored with the old scrypt cost at the next sign-in, and not on a wrong one', async () => {
    setPasswordCost('production');
    const target = await demo();
    const salt = randomBytes(16);
    const key = await new Promise<Buffer>((resolve, reject) => scrypt('old-pass', salt, 32, { N: 16384, r: 8, p: 1 }, (error, derived) => (error ? reject(error) : resolve(derived))));
    const oldHash = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await target.context.accounts.saveUser({ id: 'u_old', email: 'old@demo', name: 'Olde', role: 'agent', capacity: 1, passwordHash: oldHash, queues: ['support'] });
    expect((await signIn(target, 'old@demo', 'wrong')).statusCode).toBe(401);
    expect((await target.context.accounts.userById('u_old'))?.passwordHash).toBe(oldHash);
    expect((await signIn(target, 'old@demo', 'old-pass')).statusCode).toBe(201);
    const upgraded = (await target.context.accounts.userById('u_old'))!.passwordHash;
    expect(upgraded).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(await verifyPassword('old-pass', upgraded)).toBe(true);
    expect((await signIn(target, 'old@demo', 'old-pass')).statusCode).toBe(201);
  }, SIGN_IN_TIMEOUT_MS);
});

describe("one replica's burst gate", () => {
  it('counts an admitted attempt as in flight at once, before anything it awaits', () => {
    const gate = createLoginGate();
    const admitted = Array.from({ length: 10 }, () => gate.admit('203.0.113.7'));
    expect(admitted.filter((admission) => admission.attempt).length).toBe(DEFAULT_LOGIN_GATE.maxInFlightPerAddress);
    expect(admitted.at(-1)!.refusal).toEqual({ kind: 'busy', retryAfterMs: 1000 });
    admitted[0]!.attempt!.done();
    expect(gate.admit('203.0.113.7').attempt).toBeDefined();
  });

  it('never runs more password checks at once than its slots, however many are asked for', async () => {
    const gate = createLoginGate({ ...DEFAULT_LOGIN_GATE, concurrentChecks: 2, maxInFlightPerAddress: 100 });
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return true;
    };
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const { attempt } = gate.admit(`10.0.0.${index}`);
        try {
          return await attempt!.check(work);
        } finally {
          attempt!.done();
        }
      }),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(most).toBe(2);
  });
});
