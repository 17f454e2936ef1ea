import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type PostgresCluster } from '../../../scripts/postgres/test-cluster';
import { createPostgresPool, postgresSql } from '../../../src/hub/store/sql/postgres-sql';
import { StoreUnavailableError, type Sql } from '../../../src/hub/store/sql/sql';

// A cluster of its own: stopping the suite's shared server would fail every other file running beside this one.
let cluster: PostgresCluster;
let db: Sql;

beforeAll(async () => {
  cluster = await startTestCluster({ maxConnections: 20 });
  db = postgresSql(createPostgresPool({ connectionString: cluster.url('postgres'), max: 2, connectionTimeoutMs: 2000 }));
  await db.exec('CREATE TABLE notes (id bigint PRIMARY KEY, text text NOT NULL)');
}, 60_000);

afterAll(async () => {
  await db?.close();
  await cluster?.destroy();
});

describe('the Sql door when PostgreSQL goes away', () => {
  it('answers StoreUnavailableError while the server is down, and works again once it is back', async () => {
    await db.write(() => db.run("INSERT INTO notes (id, text) VALUES (1, 'before')"));
    await cluster.stop('immediate');

    await expect(db.all('SELECT * FROM notes')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(db.write(() => db.run("INSERT INTO notes (id, text) VALUES (2, 'lost')"))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(db.run("INSERT INTO notes (id, text) VALUES (2, 'lost')")).rejects.toThrow('The hub cannot reach its database right now; try again shortly.');

    await cluster.start();
    await expect.poll(() => db.all('SELECT id, text FROM notes').catch((error: unknown) => error), { timeout: 10_000 }).toEqual([{ id: 1, text: 'before' }]);
    await db.write(() => db.run("INSERT INTO notes (id, text) VALUES (2, 'after')"));
    expect(await db.all('SELECT text FROM notes ORDER BY id')).toEqual([{ text: 'before' }, { text: 'after' }]);
  }, 60_000);

  it('tells a wrong statement apart from an outage', async () => {
    await expect(db.all('SELECT no_such_column FROM notes')).rejects.not.toBeInstanceOf(StoreUnavailableError);
    await expect(db.all('SELECT no_such_column FROM notes')).rejects.toThrow(/no_such_column/);
  });
});
