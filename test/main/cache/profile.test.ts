import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { inTransaction, openCache } from '../../../src/main/cache/database';
import { createProfileRepository, type Profile } from '../../../src/main/cache/profile';
import { conversationView } from './fixtures/conversations';

const profile: Profile = {
  user: { id: 'u1', email: 'agent@demo', name: 'Sam Agent', role: 'agent', queues: ['returns'] },
  hubUrl: 'http://127.0.0.1:4100',
  token: 'tok-123',
};

describe('profile repository', () => {
  let db: Database.Database;
  let profiles: ReturnType<typeof createProfileRepository>;
  beforeEach(() => {
    db = openCache(':memory:');
    profiles = createProfileRepository(db);
  });
  afterEach(() => db.close());

  it('has no profile and a zero cursor on a fresh cache', () => {
    expect(profiles.get()).toBeNull();
    expect(profiles.lastSeq()).toBe(0);
  });

  it('keeps one profile, replaced by the next sign-in', () => {
    profiles.save(profile);
    profiles.save({ ...profile, token: 'tok-456' });
    expect(profiles.get()).toEqual({ ...profile, token: 'tok-456' });
  });

  it('forgets the profile and restarts the cursor on clear', () => {
    profiles.save(profile);
    profiles.setLastSeq(42);
    profiles.clear();
    expect(profiles.get()).toBeNull();
    expect(profiles.lastSeq()).toBe(0);
  });

  it('refuses a cursor that is not a whole number', () => {
    expect(() => profiles.setLastSeq(-1)).toThrow(RangeError);
    expect(() => profiles.setLastSeq(1.5)).toThrow(RangeError);
  });

  it('moves the cursor only if the events it covers were stored', () => {
    const conversations = createConversationRepository(db);
    profiles.setLastSeq(10);
    expect(() =>
      inTransaction(db, () => {
        conversations.save(conversationView({ id: 'c1' }));
        profiles.setLastSeq(11);
        throw new Error('crash mid-batch');
      }),
    ).toThrow('crash mid-batch');
    expect(profiles.lastSeq()).toBe(10);
    expect(conversations.count()).toBe(0);

    profiles.transaction(() => {
      conversations.save(conversationView({ id: 'c1' }));
      profiles.setLastSeq(11);
    });
    expect(profiles.lastSeq()).toBe(11);
    expect(conversations.count()).toBe(1);
  });
});
