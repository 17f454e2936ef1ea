import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../src/renderer/features/session/session-store';
import { selectIsSignedIn, selectRole } from '../../../../src/renderer/features/session/session-selectors';
import type { SessionState } from '../../../../src/shared/ipc';
import { createFakeApi, fail, ok } from '../../fake-api';

const signedIn: SessionState = {
  user: { id: 'u1', email: 'agent@demo', name: 'Priya', role: 'agent', queues: ['returns'] },
  connection: { status: 'online', since: '2026-11-20T10:00:00Z', hubUrl: 'http://127.0.0.1:4800', lastSeq: 3, detail: null, retryInSeconds: null },
};

describe('session store', () => {
  it('signs in without a hub address when the field is left empty', async () => {
    const fake = createFakeApi();
    fake.answer('session:sign-in', () => ok(signedIn));
    const store = createSessionStore(fake.api);
    expect(await store.getState().signIn({ hubUrl: '  ', email: ' agent@demo ', password: 'demo' })).toBe(true);
    expect(fake.callsTo('session:sign-in')).toEqual([{ email: 'agent@demo', password: 'demo' }]);
    expect(selectIsSignedIn(store.getState())).toBe(true);
  });

  it('shows the core’s explanation when sign-in is refused', async () => {
    const fake = createFakeApi();
    fake.answer('session:sign-in', () => fail('bad-credentials', 'That email and password do not match.'));
    const store = createSessionStore(fake.api);
    expect(await store.getState().signIn({ hubUrl: '', email: 'agent@demo', password: 'nope' })).toBe(false);
    expect(store.getState().signInError).toBe('That email and password do not match.');
    expect(store.getState().isSigningIn).toBe(false);
  });

  it('follows the session the core announces, such as a supervisor signing in elsewhere', () => {
    const fake = createFakeApi();
    const store = createSessionStore(fake.api);
    fake.emit({ type: 'session:changed', session: { ...signedIn, user: { ...signedIn.user!, role: 'supervisor' } } });
    expect(selectRole(store.getState())).toBe('supervisor');
  });
});
