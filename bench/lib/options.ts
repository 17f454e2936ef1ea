/** Bench sizes: `--quick` for development (under two minutes), the full run by default. */
export interface BenchOptions {
  quick: boolean;
  only: string[] | null;
  clients: number;
  eventsPerSecond: number;
  cacheMessages: number;
  ingestMessages: number;
  notifications: number;
  /** Wallboard / console figure: agents online, conversations waiting, and how long it measures. */
  boardAgents: number;
  boardBacklog: number;
  boardMeasureMs: number;
  /** Memory figure: the board's standing backlog and the real-world seconds of events replayed (≥ 3,600 for the hour). */
  memoryBacklog: number;
  replaySeconds: number;
  /** Machinery figure: with/without pairs per piece and load, and which pieces (all by default). */
  machineryPairs: number;
  machineryPieces: string[] | null;
  /** Replica figures: handoffs timed per side (same / other replica), and replica kills. */
  replicaHandoffs: number;
  failoverRounds: number;
}

// Quick sizes aim at `--quick` under two minutes on a quiet machine: every figure at a fraction of
// its full size, the Chromium ones with a small floor (each backlog handoff is an HTTP post).
const QUICK = {
  clients: 100,
  eventsPerSecond: 100,
  cacheMessages: 50_000,
  ingestMessages: 20_000,
  notifications: 300,
  boardAgents: 30,
  boardBacklog: 200,
  boardMeasureMs: 4000,
  memoryBacklog: 100,
  // The first minute (the reading growth is measured from) and one more: enough to see per-event growth.
  replaySeconds: 120,
  machineryPairs: 1,
  replicaHandoffs: 30,
  failoverRounds: 1,
};
const FULL = {
  clients: 1000,
  eventsPerSecond: 100,
  cacheMessages: 1_000_000,
  ingestMessages: 200_000,
  notifications: 2000,
  boardAgents: 300,
  boardBacklog: 5000,
  boardMeasureMs: 20_000,
  memoryBacklog: 1000,
  replaySeconds: 3600,
  machineryPairs: 2,
  replicaHandoffs: 100,
  failoverRounds: 3,
};

const USAGE = `usage: npm run bench -- [--quick] [--only=<figure,...>] [--clients=N] [--events-per-second=N]
  [--cache-messages=N] [--ingest-messages=N] [--notifications=N] [--replay-seconds=N]
  [--machinery-pairs=N] [--machinery-pieces=<piece,...>] [--replica-handoffs=N] [--failover-rounds=N]
figures: hub-ingest, notification, postgres, cpu-per-handoff, replica-offer, failover, fan-out, cache-ingest, search, start-up, wallboard, transcript, memory, machinery`;

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const sizes = { ...(quick ? QUICK : FULL) };
  let only: string[] | null = null;
  let machineryPieces: string[] | null = null;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    const count = Number(value);
    const positive = () => {
      if (!Number.isInteger(count) || count <= 0) throw new Error(`${flag} needs a positive whole number\n${USAGE}`);
      return count;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--only':
        only = (value ?? '').split(',').filter(Boolean);
        break;
      case '--clients':
        sizes.clients = positive();
        break;
      case '--events-per-second':
        sizes.eventsPerSecond = positive();
        break;
      case '--cache-messages':
        sizes.cacheMessages = positive();
        break;
      case '--ingest-messages':
        sizes.ingestMessages = positive();
        break;
      case '--notifications':
        sizes.notifications = positive();
        break;
      case '--replay-seconds':
        sizes.replaySeconds = positive();
        break;
      case '--machinery-pairs':
        sizes.machineryPairs = positive();
        break;
      case '--replica-handoffs':
        sizes.replicaHandoffs = positive();
        break;
      case '--failover-rounds':
        sizes.failoverRounds = positive();
        break;
      case '--machinery-pieces':
        machineryPieces = (value ?? '').split(',').filter(Boolean);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return { quick, only, machineryPieces, ...sizes };
}
