import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createRandom } from './prng';
import { createSentences } from './sentences';
import { handoffEnvelope } from './envelopes';
import { BENCH_QUEUE } from './hub-fixture';

const run = promisify(execFile);

/** Rows the hub writes per handoff, counted in its own database after a run, so the raw client writes as many. */
export interface RowsPerHandoff {
  messages: number;
  events: number;
  audience: number;
}

export async function countRowsPerHandoff(url: string): Promise<RowsPerHandoff> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
    const conversations = Math.max(1, await count('conversations'));
    const per = async (table: string) => Math.round((await count(table)) / conversations);
    return { messages: await per('messages'), events: await per('events'), audience: await per('event_audience') };
  } finally {
    await client.end();
  }
}

export interface RawInsertResult {
  handoffs: number;
  seconds: number;
}

/**
 * The least a PostgreSQL hub must do per handoff: one transaction with the conversation row, its
 * messages, its events and their audience rows, over `concurrency` pooled connections from this
 * process, as fast as commits come back. No HTTP, no validation, no routing: the database's own cost.
 */
export async function rawInserts(url: string, rows: RowsPerHandoff, options: { concurrency: number; warmupMs: number; measureMs: number; runId: string }): Promise<RawInsertResult> {
  const pool = new pg.Pool({ connectionString: url, max: options.concurrency });
  try {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS raw_conversations (id BIGSERIAL PRIMARY KEY, envelope_id TEXT NOT NULL UNIQUE, envelope TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS raw_messages (conversation_id BIGINT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (conversation_id, id));
      CREATE TABLE IF NOT EXISTS raw_events (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, conversation_id BIGINT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS raw_event_audience (seq BIGINT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (seq, user_id));
    `);
    const random = createRandom(9);
    const sentences = createSentences(random);
    const envelopes = Array.from({ length: 200 }, (_, i) => handoffEnvelope(random, sentences, `raw-${i}`, 20, BENCH_QUEUE));
    let next = 0;
    let counted = 0;
    const started = performance.now();
    const measureFrom = started + options.warmupMs;
    const end = measureFrom + options.measureMs;
    const worker = async () => {
      while (performance.now() < end) {
        const index = next;
        next += 1;
        const envelope = envelopes[index % envelopes.length];
        if (!envelope) break;
        const body = JSON.stringify({ ...envelope, id: `${options.runId}-${index}` });
        const at = new Date().toISOString();
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const id = (await client.query<{ id: string }>('INSERT INTO raw_conversations (envelope_id, envelope) VALUES ($1, $2) RETURNING id', [`${options.runId}-${index}`, body])).rows[0]?.id;
          for (let m = 0; m < rows.messages; m += 1) {
            const turn = envelope.transcript[m % envelope.transcript.length];
            await client.query('INSERT INTO raw_messages (conversation_id, id, at, author, text) VALUES ($1, $2, $3, $4, $5)', [id, `m${m}`, turn?.at ?? at, turn?.author ?? 'bot', turn?.text ?? '']);
          }
          const seqs: string[] = [];
          for (let e = 0; e < rows.events; e += 1) {
            const inserted = await client.query<{ seq: string }>('INSERT INTO raw_events (at, conversation_id, type, body) VALUES ($1, $2, $3, $4) RETURNING seq', [at, id, 'conversation:queued', body.slice(0, 600)]);
            seqs.push(inserted.rows[0]?.seq ?? '0');
          }
          for (let a = 0; a < rows.audience; a += 1) {
            await client.query('INSERT INTO raw_event_audience (seq, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [seqs[a % Math.max(1, seqs.length)] ?? '0', `u_${a}`]);
          }
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        if (performance.now() >= measureFrom) counted += 1;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return { handoffs: counted, seconds: (performance.now() - measureFrom) / 1000 };
  } finally {
    await pool.end();
  }
}

export interface FsyncRates {
  openDatasync: number | null;
  fdatasync: number | null;
  seconds: number;
}

/**
 * `pg_test_fsync`'s one-8-kB-write rates on the cluster's own disk: the commit rate the disk allows
 * one session at a time, the ceiling under any single-connection commit loop.
 */
export async function fsyncRates(binDir: string, folder: string, secondsPerTest: number): Promise<FsyncRates> {
  const started = performance.now();
  const { stdout } = await run(join(binDir, 'pg_test_fsync'), ['-s', String(secondsPerTest), '-f', join(folder, 'pg_test_fsync.out')], { timeout: 120_000 });
  // The first section ("one 8kB write") is the commit of one small transaction.
  const section = stdout.split(/Compare file sync methods using two/)[0] ?? stdout;
  const rate = (method: string) => {
    const match = new RegExp(`${method}\\s+([\\d.]+) ops/sec`).exec(section);
    return match?.[1] ? Number(match[1]) : null;
  };
  return { openDatasync: rate('open_datasync'), fdatasync: rate('fdatasync'), seconds: (performance.now() - started) / 1000 };
}
