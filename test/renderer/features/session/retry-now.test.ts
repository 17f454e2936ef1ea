import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../src/renderer/features/session/session-store';
import type { SessionState } from '../../../../src/shared/ipc';
import { createFakeApi, ok } from '../../fake-api';

describe('retry now', () => {
  it('asks the core to reconnect at once and shows the state it answers with', async () => {
    const fake = createFakeApi();
    const connecting: SessionState = {
      user: { id: 'u1', email: 'agent@demo', name: 'Priya', role: 'agent', queues: [] },
      connection: { status: 'connecting', since: '2026-11-20T10:00:00Z', hubUrl: 'http://hub', lastSeq: 4, detail: null, retryInSeconds: null },
    };
    fake.answer('session:retry-now', () => ok(connecting));
    const store = createSessionStore(fake.api);
    await store.getState().retryNow();
    expect(fake.callsTo('session:retry-now')).toEqual([undefined]);
    expect(store.getState().session?.connection.status).toBe('connecting');
  });
});
