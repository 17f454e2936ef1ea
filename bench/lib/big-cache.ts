import { join } from 'node:path';
import { openCache } from '../../src/main/cache/database';
import { SLOTS_PER_MS } from '../../src/main/cache/turn-writer';
import { handoffEnvelope } from './envelopes';
import { createRandom } from './prng';
import { createSentences, type Sentences } from './sentences';

export const TURNS_PER_CONVERSATION = 50;
const TRANSCRIPT_TURNS = 20;
const BATCH_ROWS = 100_000;
const FIRST_MS = Date.parse('2025-01-01T00:00:00Z');
/** Conversations start this far apart: a year of history for a million messages. */
const SPACING_MS = 1_500_000;

export interface BigCache {
  dir: string;
  file: string;
  messages: number;
  conversations: number;
  sentences: Sentences;
  buildSeconds: number;
}

/**
 * A desktop cache holding `messages` turns: the real schema (openCache runs the real migrations),
 * filled with raw batched inserts, because building a million-row fixture through the repository
 * would time the fixture instead of the figure. Rows are what the repositories write: `seq` in its
 * time slot, the same FTS index.
 *
 * The fill is test data, not a figure, so it takes the fast road: no journal and no fsync while the
 * rows go in (a crash only loses a temp dir), and the FTS index built once from the rows with
 * FTS5's 'rebuild' instead of row by row (the app's turn writer adds each entry itself; there is
 * no insert trigger since cache migration 006). The file is then WAL as openCache left it.
 */
export function buildBigCache(dir: string, messages: number, seed = 1): BigCache {
  const started = performance.now();
  const random = createRandom(seed);
  const sentences = createSentences(random);
  const file = join(dir, 'cache.sqlite');
  const db = openCache(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insertConversation = db.prepare(`
    INSERT INTO conversations (id, state, queue, customer_name, customer_id, issue_title, reason_kind, sentiment_score,
      priority, channel, created_at, updated_at, updated_ms, owner, offer, envelope)
    VALUES (@id, @state, 'support', @customerName, @customerId, @issueTitle, 'bot_failure', @sentiment, 2, 'web',
      @createdAt, @updatedAt, @updatedMs, @owner, NULL, @envelope)`);
  const insertTurn = db.prepare(`
    INSERT INTO turns (seq, conversation_id, turn_id, at, at_ms, author, author_name, text, is_message, client_message_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`);
  const conversations = Math.ceil(messages / TURNS_PER_CONVERSATION);
  let written = 0;

  const writeConversation = (k: number): void => {
    const id = `c_bench_${k}`;
    const startMs = FIRST_MS + k * SPACING_MS + random.int(60_000);
    const turns = Math.min(TURNS_PER_CONVERSATION, messages - written);
    const { transcript: _transcript, ...envelope } = handoffEnvelope(random, sentences, `big-${k}`, 0, 'support');
    const endMs = startMs + (turns - 1) * 20_000;
    const at = (ms: number) => new Date(ms).toISOString();
    insertConversation.run({
      id,
      state: random.next() < 0.9 ? 'resolved' : 'assigned',
      customerName: envelope.customer.name,
      customerId: envelope.customer.id ?? null,
      issueTitle: envelope.issue?.title ?? '',
      sentiment: Math.round((random.next() * 2 - 1) * 100) / 100,
      createdAt: at(startMs),
      updatedAt: at(endMs),
      updatedMs: endMs,
      owner: JSON.stringify({ kind: 'agent', id: 'u_agent', name: 'Alex Agent', since: at(startMs), why: 'accepted' }),
      envelope: JSON.stringify(envelope),
    });
    for (let i = 0; i < turns; i += 1) {
      const ms = startMs + i * 20_000;
      const isTranscript = i < TRANSCRIPT_TURNS;
      const author = i % 2 === 0 ? 'customer' : isTranscript ? 'bot' : 'agent';
      const text = author === 'customer' ? sentences.customer() : sentences.bot();
      // Conversations far enough apart never share a millisecond, so slot k % 1024 is free.
      insertTurn.run(ms * SLOTS_PER_MS + (k % SLOTS_PER_MS), id, isTranscript ? `t${i + 1}` : `m_${k}_${i}`, at(ms), ms, author, null, text, isTranscript ? 0 : 1);
    }
    written += turns;
  };

  const batch = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k += 1) writeConversation(k);
  });
  const perBatch = Math.max(1, Math.floor(BATCH_ROWS / TURNS_PER_CONVERSATION));
  for (let k = 0; k < conversations; k += perBatch) batch(k, Math.min(conversations, k + perBatch));
  db.exec("INSERT INTO turns_fts (turns_fts) VALUES ('rebuild')");
  db.pragma('journal_mode = WAL');
  db.close();
  return { dir, file, messages: written, conversations, sentences, buildSeconds: (performance.now() - started) / 1000 };
}
