import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../../src/shared/conversation';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { inTransaction, openCache } from '../../../src/main/cache/database';
import { conversationView, message, turn } from './fixtures/conversations';

const FD_DIR = '/proc/self/fd';
/** SQLite names its temporary files etilqs_… and unlinks them at once; only an open descriptor shows them. */
const SQLITE_TEMP_FILE = 'etilqs_';
const TURNS = 25;
const MESSAGES = 25;
const PER_CHUNK = 20;

const openTempFiles = (): string[] =>
  readdirSync(FD_DIR)
    .map((fd) => {
      try {
        return readlinkSync(join(FD_DIR, fd));
      } catch {
        return ''; // the descriptor readdir itself used is already closed
      }
    })
    .filter((target) => target.includes(SQLITE_TEMP_FILE));

/** A resync's kind of conversation: a bot transcript and the agent's replies, each with a clientMessageId. */
function chatty(k: number): ConversationView {
  const base = Date.parse('2026-11-01T08:00:00Z') + ((k * 7919) % 500) * 3_600_000;
  const at = (i: number) => new Date(base + i * 1000).toISOString();
  const view = conversationView({
    id: `c${k}`,
    messages: Array.from({ length: MESSAGES }, (_, i) =>
      message(`c${k}`, `m${k}-${i}`, at(TURNS + i), {
        author: i % 2 === 0 ? 'customer' : 'agent',
        text: `reply ${i} about order ${k} and the refund window`,
        ...(i % 2 === 0 ? {} : { clientMessageId: `k${k}-${i}` }),
      }),
    ),
  });
  view.envelope = {
    ...view.envelope,
    transcript: Array.from({ length: TURNS }, (_, i) => turn(`t${i}`, at(i), i % 2 ? 'bot' : 'customer', `turn ${i} of conversation ${k}`)),
  };
  return view;
}

describe.skipIf(process.platform !== 'linux')('the cache statement journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stays in memory while resync chunks are written, so no turn is written twice to a temporary file', () => {
    const db = openCache(join(dir, 'cache.sqlite'));
    try {
      const repository = createConversationRepository(db);
      const views = Array.from({ length: 200 }, (_, k) => chatty(k));
      const seen: string[] = [];
      for (let start = 0; start < views.length; start += PER_CHUNK) {
        inTransaction(db, () => {
          repository.saveMany(views.slice(start, start + PER_CHUNK));
          seen.push(...openTempFiles());
        });
      }
      expect(seen).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM turns').pluck().get()).toBe(views.length * (TURNS + MESSAGES));
    } finally {
      db.close();
    }
  });
});
