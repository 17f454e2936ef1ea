import pg from 'pg';

/** What one process sent PostgreSQL over a stretch of work, and what the server committed and synced. */
export interface RoundTrips {
  /** Queries sent by every pg client in this process (each one a round trip). */
  queries: number;
  /** Of which per statement text (BEGIN, the writer lock, each INSERT …), most frequent first, with the wall time they took. */
  byStatement: { text: string; count: number; ms: number }[];
  /** Wall time from sending to the answer, summed over every query (overlapping ones add up). */
  queryMs: number;
  /** pg_stat_database xact_commit of the database: transactions committed (reads outside a write count too). */
  commits: number;
  /** pg_stat_wal: WAL records written and WAL syncs (fsync/fdatasync of the log), server-wide. */
  walRecords: number | null;
  walSyncs: number | null;
}

interface ServerCounters {
  commits: number;
  walRecords: number | null;
  walSyncs: number | null;
}

const short = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 90);

/**
 * Counts every query of every pg client in this process (the bench hub runs in it) by patching
 * `pg.Client.prototype.query` for the stretch measured, and reads the server's commit and WAL sync
 * counters before and after. `stop()` restores the client and returns the difference.
 */
export async function countRoundTrips(adminUrl: string, database: string): Promise<{ stop(): Promise<RoundTrips> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const counters = async (): Promise<ServerCounters> => {
    // pg_stat_* are a snapshot per transaction: clear it so each read is fresh.
    await admin.query('SELECT pg_stat_clear_snapshot()');
    const commits = Number((await admin.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1', [database])).rows[0]?.n ?? 0);
    const wal = await admin
      .query<{ records: string; syncs: string }>('SELECT wal_records AS records, wal_sync AS syncs FROM pg_stat_wal')
      .then((result) => result.rows[0] ?? null)
      .catch(() => null);
    return { commits, walRecords: wal ? Number(wal.records) : null, walSyncs: wal ? Number(wal.syncs) : null };
  };
  // The statistics collector reports a backend's counters when it goes idle, within about a second.
  const settled = () => new Promise((done) => setTimeout(done, 1100));

  const before = await counters();
  const counts = new Map<string, { count: number; ms: number }>();
  const original = pg.Client.prototype.query;
  let queries = 0;
  let queryMs = 0;
  pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?');
    const answer = (original as (...rest: unknown[]) => unknown).apply(this, args);
    if (this === admin) return answer;
    queries += 1;
    const entry = counts.get(short(text)) ?? { count: 0, ms: 0 };
    counts.set(short(text), entry);
    entry.count += 1;
    if (answer instanceof Promise) {
      const sent = performance.now();
      const took = () => {
        const ms = performance.now() - sent;
        entry.ms += ms;
        queryMs += ms;
      };
      answer.then(took, took);
    }
    return answer;
  } as typeof original;

  return {
    async stop() {
      pg.Client.prototype.query = original;
      await settled();
      const after = await counters();
      await admin.end();
      const byStatement = [...counts].map(([text, entry]) => ({ text, ...entry })).sort((a, b) => b.count - a.count || b.ms - a.ms);
      const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
      return { queries, queryMs, byStatement, commits: after.commits - before.commits, walRecords: delta(before.walRecords, after.walRecords), walSyncs: delta(before.walSyncs, after.walSyncs) };
    },
  };
}

/** One line per statement kind, as counts per handoff. */
export function describeRoundTrips(trips: RoundTrips, handoffs: number, top = 12): string[] {
  const per = (value: number | null) => (value === null ? 'n/a' : (value / Math.max(1, handoffs)).toFixed(1));
  return [
    `per handoff over ${handoffs}: ${per(trips.queries)} queries (round trips, ${per(trips.queryMs)} ms waited), ${per(trips.commits)} commits (pg_stat_database), ${per(trips.walSyncs)} WAL syncs and ${per(trips.walRecords)} WAL records (pg_stat_wal)`,
    ...trips.byStatement.slice(0, top).map((entry) => `  ${per(entry.count)} × (${per(entry.ms)} ms) ${entry.text}`),
  ];
}
