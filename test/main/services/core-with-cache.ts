import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationView, User } from '../../../src/shared/conversation';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { createProfileRepository, type Profile } from '../../../src/main/cache/profile';
import { createCore, type CoreOptions } from '../../../src/main/core/create-core';
import type { HubHttpClient } from '../../../src/main/hub-client/http-client';

export const agent: User = { id: 'u-agent', email: 'agent@demo', name: 'Priya Raman', role: 'agent', queues: ['returns'] };
export const otherAgent: User = { id: 'u-agent2', email: 'agent2@demo', name: 'Tomás Silva', role: 'agent', queues: ['returns'] };

/** Writes conversations (and a profile) into a fresh cache folder, as an earlier session would have. */
export function seedCache(views: ConversationView[], profile: Profile | null = null): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'warmline-services-'));
  const db = openCache(join(dataDir, 'cache.sqlite'));
  const conversations = createConversationRepository(db);
  for (const view of views) conversations.save(view);
  if (profile) createProfileRepository(db).save(profile);
  db.close();
  return dataDir;
}

/** A hub client that answers sign-in for whoever is named in `users` and records sign-outs; no network. */
export function fakeHub(users: User[]) {
  const signedOut: string[] = [];
  const unreachable = (): Promise<never> => Promise.reject(new Error('not used in this test'));
  const client: HubHttpClient = {
    async signIn(email) {
      const user = users.find((candidate) => candidate.email === email);
      if (!user) throw new Error(`no such user ${email}`);
      return { token: `token-${user.id}`, user };
    },
    async signOut(token) {
      signedOut.push(token);
    },
    conversations: unreachable,
    conversation: unreachable,
    accept: unreachable,
    decline: unreachable,
    send: unreachable,
    call: unreachable,
  };
  return { client, signedOut };
}

export function coreOn(dataDir: string, overrides: Partial<CoreOptions> = {}) {
  return createCore({
    dataDir,
    // Nothing listens on port 9 (discard): the stream stays offline, which these tests do not need.
    defaultHubUrl: 'http://127.0.0.1:9',
    notifier: { notify: () => undefined },
    ...overrides,
  });
}
