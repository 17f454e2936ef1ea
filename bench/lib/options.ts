/** Bench sizes: `--quick` for development (under two minutes), the full run by default. */
export interface BenchOptions {
  quick: boolean;
  only: string[] | null;
  clients: number;
  eventsPerSecond: number;
  cacheMessages: number;
  ingestMessages: number;
  notifications: number;
}

const QUICK = { clients: 200, eventsPerSecond: 100, cacheMessages: 100_000, ingestMessages: 50_000, notifications: 1000 };
const FULL = { clients: 1000, eventsPerSecond: 100, cacheMessages: 1_000_000, ingestMessages: 200_000, notifications: 2000 };

const USAGE = `usage: npm run bench -- [--quick] [--only=<figure,...>] [--clients=N] [--events-per-second=N]
  [--cache-messages=N] [--ingest-messages=N] [--notifications=N]
figures: hub-ingest, notification, fan-out, cache-ingest, search, start-up, wallboard, transcript, memory`;

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const sizes = { ...(quick ? QUICK : FULL) };
  let only: string[] | null = null;
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
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return { quick, only, ...sizes };
}
