import { afterEach, describe, expect, it } from 'vitest';
import { createSignInLockout, DEFAULT_SIGN_IN_LOCKOUT } from '../../../src/hub/auth/sign-in-lockout';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createFloorCounters } from '../../../src/hub/store/floor-counters';
import { openTestStore } from '../../support/test-store';

let clock = Date.parse('2026-12-01T09:00:00Z');
let db: HubDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function lockout() {
  db = await openTestStore();
  return createSignInLockout(createFloorCounters(db, () => clock), () => clock);
}

describe('the floor-wide sign-in lockout', () => {
  it('locks an address that tries many accounts, while another address may still try', async () => {
    const floor = await lockout();
    for (let attempt = 0; attempt < 21; attempt += 1) await floor.failed(`nobody-${attempt}@demo`, '203.0.113.5');
    expect(await floor.lock('supervisor@demo', '203.0.113.5')).toEqual({ kind: 'locked', retryAfterMs: 1000 });
    expect(await floor.lock('supervisor@demo', '192.0.2.44')).toBeNull();
  });

  it('doubles the wait with each failure past the free ones, whatever the letter case of the email', async () => {
    const floor = await lockout();
    for (let attempt = 0; attempt < 5; attempt += 1) await floor.failed('Agent@Demo', `192.0.2.${attempt}`);
    expect(await floor.lock('agent@demo', '198.51.100.1')).toBeNull();
    await floor.failed('agent@demo', '192.0.2.9');
    expect(await floor.lock('AGENT@demo', '198.51.100.1')).toEqual({ kind: 'locked', retryAfterMs: 1000 });
    await floor.failed('agent@demo', '192.0.2.9');
    expect(await floor.lock('agent@demo', '198.51.100.1')).toEqual({ kind: 'locked', retryAfterMs: 2000 });
    clock += 1500;
    expect(await floor.lock('agent@demo', '198.51.100.1')).toEqual({ kind: 'locked', retryAfterMs: 500 });
    clock += 500;
    expect(await floor.lock('agent@demo', '198.51.100.1')).toBeNull();
  });

  it('forgets the failures a window after the latest one, and sweeps the rows that lapsed', async () => {
    const floor = await lockout();
    for (let attempt = 0; attempt < 5; attempt += 1) await floor.failed('agent@demo', '203.0.113.8');
    clock += DEFAULT_SIGN_IN_LOCKOUT.windowMs;
    // Five more would lock the account had the first five been kept.
    for (let attempt = 0; attempt < 5; attempt += 1) await floor.failed('agent@demo', '203.0.113.9');
    expect(await floor.lock('agent@demo', '203.0.113.9')).toBeNull();
    const keys = await db!.all<{ key: string; hits: number }>('SELECT key, hits FROM floor_counters ORDER BY key');
    expect(keys).toEqual([
      { key: 'sign-in-account:agent@demo', hits: 5 },
      { key: 'sign-in-address:203.0.113.9', hits: 5 },
    ]);
  });

  it('clears the account on a right password, and keeps the count of the address', async () => {
    const floor = await lockout();
    for (let attempt = 0; attempt < 21; attempt += 1) await floor.failed('agent@demo', '203.0.113.5');
    await floor.succeeded('agent@demo');
    expect(await floor.lock('agent@demo', '192.0.2.1')).toBeNull();
    expect(await floor.lock('agent@demo', '203.0.113.5')).toMatchObject({ kind: 'locked' });
  });
});
