import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonText } from '../../../src/hub/store/sql/dialect';
import { createPostgresPool, postgresSql } from '../../../src/hub/store/sql/postgres-sql';
import type { Sql } from '../../../src/hub/store/sql/sql';
import { sqliteSql } from '../../../src/hub/store/sql/sqlite-sql';
import { createTestDatabase } from '../../support/postgres-databases';
import { onPostgres } from '../../support/test-store';

const backend = onPostgres ? 'PostgreSQL' : 'SQLite';
const opened: Sql[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const TABLES = {
  sqlite: `
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER);
    CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, writer TEXT NOT NULL);`,
  postgres: `
    CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, n bigint);
    CREATE TABLE events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer text NOT NULL);`,
};

/**
 * `replicas` doors onto one fresh store: on PostgreSQL each has its own pool, as hub replicas do;
 * SQLite has one connection per file, so every "replica" is the same door.
 */
async function openStore(replicas = 1): Promise<Sql[]> {
  if (!onPostgres) {
    const db = sqliteSql(new Database(':memory:'));
    opened.push(db);
    await db.exec(TABLES.sqlite);
    return Array.from({ length: replicas }, () => db);
  }
  const url = await createTestDatabase({ empty: true });
  const doors = Array.from({ length: replicas }, () => postgresSql(createPostgresPool({ connectionString: url, max: 3 })));
  opened.push(...doors);
  await doors[0]?.exec(TABLES.postgres);
  return doors;
}

async function one(): Promise<Sql> {
  const [db] = await openStore();
  if (!db) throw new Error('no store');
  return db;
}

/** A promise the test settles by hand, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** On PostgreSQL: resolves once a transaction is queued behind the floor's writer lock. */
async function writerWaiting(db: Sql): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await vi.waitFor(async () => {
    const row = await db.get<{ n: number }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    expect(row?.n).toBe(1);
  });
}

describe(`the Sql door on ${backend}`, () => {
  it('binds ? placeholders in order, leaving question marks in strings, quoted names and comments alone', async () => {
    const db = await one();
    await db.run('INSERT INTO items (id, name, n) VALUES (?, ?, ?)', [1, 'what? -- not a comment', 7]);
    const row = await db.get<{ name: string; marks: string; n: number }>(
      `SELECT name, '?' || 'it''s?' AS marks, n -- a comment? yes
       FROM items WHERE id = ? AND n = ?`,
      [1, 7],
    );
    expect(row).toEqual({ name: 'what? -- not a comment', marks: "?it's?", n: 7 });
  });

  it('binds @name parameters by name, the same name any number of times', async () => {
    const db = await one();
    await db.run('INSERT INTO items (id, name, n) VALUES (@id, @name, @id * 10)', { id: 2, name: 'two' });
    expect(await db.all('SELECT id, name, n FROM items WHERE id = @id OR n = @id', { id: 2 })).toEqual([{ id: 2, name: 'two', n: 20 }]);
    await expect(db.get('SELECT name FROM items WHERE id = @id', {})).rejects.toThrow(/Missing named parameter "id"/);
  });

  it('reads integers as numbers, NULL as null, and counts changed rows', async () => {
    const db = await one();
    await db.exec("INSERT INTO items (id, name, n) VALUES (1, 'a', NULL); INSERT INTO items (id, name, n) VALUES (2, 'b', 9007199254740991)");
    expect(await db.all('SELECT id, n, (SELECT count(*) FROM items) AS total FROM items ORDER BY id')).toEqual([
      { id: 1, n: null, total: 2 },
      { id: 2, n: Number.MAX_SAFE_INTEGER, total: 2 },
    ]);
    expect(await db.run('UPDATE items SET name = ? WHERE id >= ?', ['z', 1])).toEqual({ changes: 2 });
    expect(await db.get('SELECT name FROM items WHERE id = ?', [3])).toBeUndefined();
  });

  it('reads JSON as its text, as SQLite keeps it', async () => {
    const db = await one();
    const json = db.dialect === 'postgres' ? `CAST('{"a": {"b": "x"}}' AS json)` : `'{"a": {"b": "x"}}'`;
    expect(await db.get(`SELECT ${json} AS document, ${jsonText(db.dialect, json, ['a', 'b'])} AS b`)).toEqual({ document: '{"a": {"b": "x"}}', b: 'x' });
  });

  it('stores a string holding U+0000 (PostgreSQL text cannot) and finds it by the same string', async () => {
    const db = await one();
    await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'nul\u0000inside']);
    const kept = db.dialect === 'postgres' ? 'nul\uFFFDinside' : 'nul\u0000inside';
    expect(await db.all('SELECT name FROM items WHERE name = ?', ['nul\u0000inside'])).toEqual([{ name: kept }]);
  });

  it('commits a write, and a write inside a write joins it', async () => {
    const db = await one();
    await db.write(async () => {
      await db.run("INSERT INTO items (id, name) VALUES (1, 'outer')");
      await db.write(async () => {
        await db.run("INSERT INTO items (id, name) VALUES (2, 'inner')");
      });
      // The inner write has not committed on its own: the outer one still sees and can undo it.
      expect(await db.all('SELECT name FROM items ORDER BY id')).toEqual([{ name: 'outer' }, { name: 'inner' }]);
    });
    expect(await db.all('SELECT name FROM items ORDER BY id')).toEqual([{ name: 'outer' }, { name: 'inner' }]);
  });

  it('rolls back everything a write did when it throws, nested writes included, and passes the error on', async () => {
    const db = await one();
    await db.run("INSERT INTO items (id, name) VALUES (1, 'kept')");
    const failing = db.write(async () => {
      await db.run("INSERT INTO items (id, name) VALUES (2, 'lost')");
      await db.write(async () => {
        await db.run("UPDATE items SET name = 'changed' WHERE id = 1");
      });
      throw new Error('refused by the service');
    });
    await expect(failing).rejects.toThrow('refused by the service');
    expect(await db.all('SELECT id, name FROM items ORDER BY id')).toEqual([{ id: 1, name: 'kept' }]);
  });

  it('rolls back a write whose statement fails, and the store stays usable', async () => {
    const db = await one();
    await expect(
      db.write(async () => {
        await db.run("INSERT INTO items (id, name) VALUES (1, 'first')");
        await db.run("INSERT INTO items (id, name) VALUES (1, 'same key')");
      }),
    ).rejects.toThrow();
    expect(await db.all('SELECT * FROM items')).toEqual([]);
    await db.write(() => db.run("INSERT INTO items (id, name) VALUES (1, 'again')"));
    expect(await db.all('SELECT name FROM items')).toEqual([{ name: 'again' }]);
  });

  it('never shows a read outside a write the rows that write has not committed', async () => {
    const db = await one();
    const inserted = gate();
    const release = gate();
    const writing = db.write(async () => {
      await db.run("INSERT INTO items (id, name) VALUES (1, 'pending')");
      inserted.open();
      await release.opened;
    });
    await inserted.opened;
    const reading = db.all('SELECT name FROM items');
    if (db.dialect === 'postgres') {
      // PostgreSQL answers at once, from what is committed.
      expect(await reading).toEqual([]);
      release.open();
    } else {
      // SQLite's one connection is inside the write: the read waits for it to end, then sees the commit.
      release.open();
    }
    await writing;
    if (db.dialect === 'sqlite') expect(await reading).toEqual([{ name: 'pending' }]);
    expect(await db.all('SELECT name FROM items')).toEqual([{ name: 'pending' }]);
  });

  it('serialises two replicas writing at once: the second reads what the first committed', async () => {
    const [first, second] = (await openStore(2)) as [Sql, Sql];
    const nextN = (db: Sql) => async () => {
      const row = await db.get<{ top: number | null }>('SELECT max(n) AS top FROM items');
      const n = (row?.top ?? 0) + 1;
      await db.run('INSERT INTO items (id, name, n) VALUES (?, ?, ?)', [n, 'counted', n]);
      return n;
    };
    const inside = gate();
    const release = gate();
    const firstWrite = first.write(async () => {
      const n = await nextN(first)();
      inside.open();
      await release.opened;
      return n;
    });
    await inside.opened;
    const secondWrite = second.write(nextN(second));
    await writerWaiting(first);
    release.open();
    expect(await Promise.all([firstWrite, secondWrite])).toEqual([1, 2]);
    expect(await second.all('SELECT n FROM items ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps answering reads while more writes wait for the writer lock than the pool has connections', async () => {
    const db = await one();
    const inside = gate();
    const release = gate();
    const holding = db.write(async () => {
      await db.run("INSERT INTO items (id, name) VALUES (0, 'holding')");
      inside.open();
      await release.opened;
    });
    await inside.opened;
    const queued = Array.from({ length: 6 }, (_, index) => db.write(() => db.run('INSERT INTO items (id, name) VALUES (?, ?)', [index + 1, 'queued'])));
    // The pool has 3 connections: writers waiting for the lock on each of them would leave none for this read.
    if (db.dialect === 'postgres') expect(await db.all('SELECT name FROM items')).toEqual([]);
    release.open();
    await Promise.all([holding, ...queued]);
    expect(await db.get('SELECT count(*) AS n FROM items')).toEqual({ n: 7 });
  });

  it('lets a reader resuming from seq N miss no event, whatever order concurrent appends commit in', async () => {
    const [first, second] = (await openStore(2)) as [Sql, Sql];
    const inside = gate();
    const release = gate();
    const slow = first.write(async () => {
      await first.run("INSERT INTO events (writer) VALUES ('slow')");
      inside.open();
      await release.opened;
    });
    await inside.opened;
    const quick = second.write(() => second.run("INSERT INTO events (writer) VALUES ('quick')"));
    await writerWaiting(first);

    const seen: { seq: number; writer: string }[] = [];
    const readFrom = async (cursor: number) => {
      const rows = await second.all<{ seq: number; writer: string }>('SELECT seq, writer FROM events WHERE seq > ? ORDER BY seq', [cursor]);
      seen.push(...rows);
      return rows.at(-1)?.seq ?? cursor;
    };
    let cursor = 0;
    if (second.dialect === 'postgres') cursor = await readFrom(cursor);
    release.open();
    await Promise.all([slow, quick]);
    cursor = await readFrom(cursor);
    expect(seen).toEqual([
      { seq: 1, writer: 'slow' },
      { seq: 2, writer: 'quick' },
    ]);
    expect(cursor).toBe(2);
  });
});

describe.runIf(onPostgres)('PostgreSQL without the writer lock', () => {
  it('can hide an event from a resuming reader: the reason every write takes the lock', async () => {
    const url = await createTestDatabase({ empty: true });
    const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((client) => client.connect()));
    const [slow, quick, reader] = clients as [pg.Client, pg.Client, pg.Client];
    try {
      await reader.query(TABLES.postgres);
      await slow.query('BEGIN');
      await slow.query("INSERT INTO events (writer) VALUES ('slow')");
      await quick.query("INSERT INTO events (writer) VALUES ('quick')");
      const first = await reader.query<{ seq: string }>('SELECT seq FROM events WHERE seq > 0 ORDER BY seq');
      const cursor = Number(first.rows.at(-1)?.seq);
      await slow.query('COMMIT');
      const after = await reader.query('SELECT seq FROM events WHERE seq > $1', [cursor]);
      expect(cursor).toBe(2);
      expect(after.rows).toEqual([]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});
