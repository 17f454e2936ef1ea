import http from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { envelopeSchema } from '../../src/shared/envelope';
import { parseWith } from '../../src/shared/validation';

/**
 * The ingest baseline: a bare `node:http` route doing the least the hub's route must do: read the
 * body, validate it with the same zod schema, and commit it with the hub's own durability (WAL,
 * synchronous=NORMAL, the hub's default: see HubDurability) as one conversation row and one row per
 * turn in one transaction, before answering 201.
 */
export async function startBareIngestServer(dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const db = new Database(join(dataDir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE conversations (id INTEGER PRIMARY KEY, envelope_id TEXT NOT NULL UNIQUE, envelope TEXT NOT NULL) STRICT;
    CREATE TABLE turns (conversation_id INTEGER NOT NULL, turn_id TEXT NOT NULL, at TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL) STRICT;
  `);
  const insertConversation = db.prepare('INSERT INTO conversations (envelope_id, envelope) VALUES (?, ?)');
  const insertTurn = db.prepare('INSERT INTO turns (conversation_id, turn_id, at, author, text) VALUES (?, ?, ?, ?, ?)');
  const store = db.transaction((envelopeId: string, body: string, turns: { id: string; at: string; author: string; text: string }[]) => {
    const id = insertConversation.run(envelopeId, body).lastInsertRowid;
    for (const turn of turns) insertTurn.run(id, turn.id, turn.at, turn.author, turn.text);
    return Number(id);
  });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: ReturnType<typeof parseWith<typeof envelopeSchema>>;
      try {
        parsed = parseWith(envelopeSchema, JSON.parse(body));
      } catch {
        response.writeHead(400).end();
        return;
      }
      if (!parsed.ok) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ problems: parsed.problems }));
        return;
      }
      const id = store(parsed.value.id, body, parsed.value.transcript);
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ conversationId: `c_${id}`, status: 'created' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
