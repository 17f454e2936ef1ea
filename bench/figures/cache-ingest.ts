import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConversationView } from '../../src/shared/conversation';
import { createConversationRepository } from '../../src/main/cache/conversations';
import { openCache } from '../../src/main/cache/database';
import { handoffEnvelope } from '../lib/envelopes';
import { measured, type FigureReport } from '../lib/figure';
import { tempDir } from '../lib/hub-fixture';
import { createRandom } from '../lib/prng';
import { createSentences } from '../lib/sentences';

export interface CacheIngestOptions {
  messages: number;
  /** Hub and raw alternate this many times, each writing its share. */
  rounds: number;
}

const TRANSCRIPT_TURNS = 20;
const LATER_MESSAGES = 30;
/** Conversations per transaction: a resync's chunk of 1,000 messages, stored with saveMany as sync.resync does. */
const CONVERSATIONS_PER_BATCH = 20;

function makeViews(count: number): ConversationView[] {
  const random = createRandom(3);
  const sentences = createSentences(random);
  return Array.from({ length: count }, (_, k) => {
    const id = `c_ingest_${k}`;
    const envelope = handoffEnvelope(random, sentences, `ingest-${k}`, TRANSCRIPT_TURNS, 'support');
    const startMs = Date.parse(envelope.transcript.at(-1)?.at ?? '2026-01-01T00:00:00Z') + 1000;
    const at = new Date(startMs).toISOString();
    return {
      id,
      state: 'assigned',
      queue: 'support',
      owner: { kind: 'agent', id: 'u_agent', name: 'Alex Agent', since: at, why: 'accepted' },
      offer: null,
      createdAt: at,
      updatedAt: new Date(startMs + LATER_MESSAGES * 1000).toISOString(),
      envelope,
      messages: Array.from({ length: LATER_MESSAGES }, (_, i) => ({
        id: `m_${k}_${i}`,
        conversationId: id,
        at: new Date(startMs + i * 1000).toISOString(),
        author: i % 2 === 0 ? ('customer' as const) : ('agent' as const),
        text: i % 2 === 0 ? sentences.customer() : sentences.bot(),
        ...(i % 2 === 0 ? {} : { authorName: 'Alex Agent', clientMessageId: `cm_${k}_${i}` }),
      })),
    };
  });
}

/**
 * The raw limit: one table of the same text, an external-content FTS5 index kept by a trigger, the
 * same pragmas as the cache's writing connection (temp_store too, though this table never needs a
 * statement journal).
 */
function openRaw(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.exec(`
    CREATE TABLE messages (seq INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, turn_id TEXT NOT NULL, at TEXT NOT NULL,
      author TEXT NOT NULL, text TEXT NOT NULL) STRICT;
    CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
  `);
  const insert = db.prepare('INSERT INTO messages (conversation_id, turn_id, at, author, text) VALUES (?, ?, ?, ?, ?)');
  const batch = db.transaction((views: ConversationView[]) => {
    for (const view of views) {
      for (const turn of view.envelope.transcript) insert.run(view.id, turn.id, turn.at, turn.author, turn.text);
      for (const message of view.messages) insert.run(view.id, message.id, message.at, message.author, message.text);
    }
  });
  return { batch, close: () => db.close() };
}

/**
 * Messages per second into the desktop cache through its real repository (conversations.saveMany of
 * 50-turn conversations, 20 per transaction as a resync stores them, with the turn-slot allocation,
 * indexes and FTS trigger), against raw batched inserts of the same texts into an FTS5-indexed table.
 */
export function benchCacheIngest(options: CacheIngestOptions): FigureReport {
  const perConversation = TRANSCRIPT_TURNS + LATER_MESSAGES;
  const views = makeViews(Math.ceil(options.messages / perConversation));
  const dir = tempDir('warmline-bench-cache-');
  const db = openCache(join(dir, 'real', 'cache.sqlite'));
  const repository = createConversationRepository(db);
  const raw = openRaw(join(dir, 'raw.sqlite'));
  let realMs = 0;
  let rawMs = 0;
  try {
    const perRound = Math.ceil(views.length / options.rounds);
    for (let start = 0; start < views.length; start += perRound) {
      const slice = views.slice(start, start + perRound);
      let t0 = performance.now();
      for (let b = 0; b < slice.length; b += CONVERSATIONS_PER_BATCH) {
        const page = slice.slice(b, b + CONVERSATIONS_PER_BATCH);
        repository.saveMany(page);
      }
      realMs += performance.now() - t0;
      t0 = performance.now();
      for (let b = 0; b < slice.length; b += CONVERSATIONS_PER_BATCH) raw.batch(slice.slice(b, b + CONVERSATIONS_PER_BATCH));
      rawMs += performance.now() - t0;
    }
    const stored = db.prepare('SELECT count(*) FROM turns').pluck().get() as number;
    if (stored !== views.length * perConversation) throw new Error(`the cache holds ${stored} turns, expected ${views.length * perConversation}`);
  } finally {
    db.close();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const messages = views.length * perConversation;
  const rate = (ms: number) => messages / (ms / 1000);
  return {
    figure: measured('cache ingest', 'messages/s', rate(realMs), rate(rawMs), { op: '>=', value: 0.7 }),
    details: [
      `${messages.toLocaleString('en-GB')} messages in ${views.length} conversations of ${perConversation} turns, ${CONVERSATIONS_PER_BATCH} conversations per transaction, alternating in ${options.rounds} rounds`,
      `repository: ${(realMs / 1000).toFixed(2)} s; raw insert + FTS5 trigger: ${(rawMs / 1000).toFixed(2)} s`,
      'both: journal_mode=WAL, synchronous=NORMAL, temp_store=MEMORY, default page and cache sizes; the same external-content FTS5 (unicode61 remove_diacritics 2) kept by an AFTER INSERT trigger',
    ],
  };
}
