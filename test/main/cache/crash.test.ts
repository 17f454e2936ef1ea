import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';

/** The unit run kills 10 times; the chaos run sets WARMLINE_CACHE_CRASH_KILLS=50 (or more). */
const KILLS = Number(process.env.WARMLINE_CACHE_CRASH_KILLS ?? 10);
const WRITER = resolve(__dirname, 'fixtures/crash-writer.ts');
const NODE_MODULES = resolve(__dirname, '../../../node_modules');

/**
 * The writer as one plain script, built once: each round starts a fresh process, and loading the
 * TypeScript through tsx in every one of them costs seconds a round on a loaded machine.
 * better-sqlite3 stays outside the bundle (its native binding is found beside its package).
 */
async function bundleWriter(dir: string): Promise<string> {
  const outfile = join(dir, 'crash-writer.cjs');
  await build({ entryPoints: [WRITER], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
  return outfile;
}

interface Round {
  acknowledged: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** Starts the writer, lets it write for a random moment after its first acknowledgement, then SIGKILLs it. */
function killWhileWriting(writer: string, file: string, round: number): Promise<Round> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, file, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: NODE_MODULES },
    });
    let stdout = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 300));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (_code, signal) => {
      // A line cut by the kill was never acknowledged: only whole lines count.
      const acknowledged = stdout.split('\n').slice(0, -1);
      done({ acknowledged, stderr, signal });
    });
  });
}

describe('the cache under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-crash-'));
  const file = join(dir, 'cache.db');
  let writer = '';
  beforeAll(async () => {
    writer = await bundleWriter(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    `keeps every acknowledged write and stays intact across ${KILLS} kills mid-write`,
    async () => {
      let total = 0;
      for (let round = 0; round < KILLS; round += 1) {
        const { acknowledged, stderr, signal } = await killWhileWriting(writer, file, round);
        expect(stderr, `writer failed in round ${round}`).toBe('');
        expect(signal).toBe('SIGKILL');
        expect(acknowledged.length).toBeGreaterThan(0);

        const db = openCache(file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          db.prepare("INSERT INTO turns_fts (turns_fts, rank) VALUES ('integrity-check', 1)").run();
          const conversations = createConversationRepository(db);
          const hasTurn = db.prepare<[string, string], number>('SELECT 1 FROM turns WHERE conversation_id = ? AND turn_id = ?').pluck();
          const lost = acknowledged.filter((line) => {
            const [kind, conversationId = '', messageId = ''] = line.split(' ');
            if (kind === 'conversation') return conversations.get(conversationId)?.envelope.transcript.length !== 20;
            return hasTurn.get(conversationId, messageId) === undefined;
          });
          expect(lost, `round ${round}: acknowledged but missing after the kill`).toEqual([]);
        } finally {
          db.close();
        }
        total += acknowledged.length;
      }
      expect(total).toBeGreaterThan(KILLS);
    },
    KILLS * 10_000,
  );
});
