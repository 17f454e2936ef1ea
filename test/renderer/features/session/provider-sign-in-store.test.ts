import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../src/renderer/features/session/session-store';
import type { SessionState } from '../../../../src/shared/ipc';
import type { Result } from '../../../../src/shared/result';
import { createFakeApi, fail, ok } from '../../fake-api';

const signedIn: SessionState = {
  user: { id: 'u1', email: 'ben@example.com', name: 'Ben', role: 'agent', queues: ['support'] },
  connection: { status: 'online', since: '2026-11-20T10:00:00Z', hubUrl: 'http://127.0.0.1:4800', lastSeq: 0, detail: null, retryInSeconds: null },
};
const AT_PROVIDER = 'https://id.example.com/authorize?state=s';

/** A wait the test ends when it chooses, as the core's does when the person comes back. */
function controlledWait() {
  let finish: (result: Result<SessionState>) => void = () => undefined;
  const answer = new Promise<Result<SessionState>>((resolve) => (finish = resolve));
  return { answer, finish: (result: Result<SessionState>) => finish(result) };
}

describe('session store: sign-in with the identity provider', () => {
  it('opens a tab only when the core could not open the system browser, and is signed in when the person is back', async () => {
    const fake = createFakeApi();
    const wait = controlledWait();
    fake.answer('session:provider-start', () => ok({ authorizationUrl: AT_PROVIDER, isOpened: false }));
    fake.answer('session:provider-wait', () => wait.answer);
    const store = createSessionStore(fake.api);
    const opened: string[] = [];
    const signing = store.getState().signInWithProvider(' http://127.0.0.1:4800 ', (url) => opened.push(url));
    await expect.poll(() => store.getState().providerSignIn).toEqual({ authorizationUrl: AT_PROVIDER, isOpened: false });
    expect(opened).toEqual([AT_PROVIDER]);
    expect(fake.callsTo('session:provider-start')).toEqual([{ hubUrl: 'http://127.0.0.1:4800' }]);
    wait.finish(ok(signedIn));
    expect(await signing).toBe(true);
    expect(store.getState()).toMatchObject({ providerSignIn: null, isSigningIn: false, session: signedIn });
  });

  it('opens nothing itself when the desktop already showed the page in the system browser', async () => {
    const fake = createFakeApi();
    fake.answer('session:provider-start', () => ok({ authorizationUrl: AT_PROVIDER, isOpened: true }));
    fake.answer('session:provider-wait', () => ok(signedIn));
    const store = createSessionStore(fake.api);
    const opened: string[] = [];
    expect(await store.getState().signInWithProvider('', (url) => opened.push(url))).toBe(true);
    expect(opened).toEqual([]);
    expect(fake.callsTo('session:provider-start')).toEqual([{}]);
  });

  it("shows the hub's refusal, and says nothing when the person cancelled", async () => {
    const fake = createFakeApi();
    fake.answer('session:provider-start', () => ok({ authorizationUrl: AT_PROVIDER, isOpened: true }));
    fake.answer('session:provider-wait', () => fail('email_not_verified', 'Contoso ID has not verified ben@example.com.'));
    const store = createSessionStore(fake.api);
    expect(await store.getState().signInWithProvider('', () => undefined)).toBe(false);
    expect(store.getState()).toMatchObject({ signInError: 'Contoso ID has not verified ben@example.com.', providerSignIn: null, isSigningIn: false });

    const wait = controlledWait();
    fake.answer('session:provider-wait', () => wait.answer);
    fake.answer('session:provider-cancel', () => {
      wait.finish(fail('cancelled', 'The sign-in was cancelled.'));
      return ok(null);
    });
    const signing = store.getState().signInWithProvider('', () => undefined);
    await expect.poll(() => store.getState().providerSignIn).not.toBeNull();
    await store.getState().cancelProviderSignIn();
    expect(await signing).toBe(false);
    expect(store.getState()).toMatchObject({ signInError: null, providerSignIn: null, isSigningIn: false });
  });

  it('says why when the provider cannot even be started', async () => {
    const fake = createFakeApi();
    fake.answer('session:provider-start', () => fail('provider_unreachable', 'Contoso ID cannot be reached at https://id.example.com.'));
    const store = createSessionStore(fake.api);
    expect(await store.getState().signInWithProvider('', () => undefined)).toBe(false);
    expect(store.getState().signInError).toBe('Contoso ID cannot be reached at https://id.example.com.');
    expect(fake.callsTo('session:provider-wait')).toEqual([]);
  });
});
