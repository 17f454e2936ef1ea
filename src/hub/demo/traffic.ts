import { generateHandoff } from './handoff-generator';

export interface DemoTrafficOptions {
  hubUrl: string;
  token: string;
  /** Handoffs per minute; arrivals are spread at random (Poisson-like), as in a real room. */
  perMinute: number;
  onError?: (error: unknown) => void;
}

/** Posts realistic handoffs to a hub over its public API, the way a bot would. */
export function startDemoTraffic(options: DemoTrafficOptions) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const meanGapMs = 60_000 / options.perMinute;

  const post = async () => {
    const response = await fetch(`${options.hubUrl}/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify(generateHandoff()),
    });
    if (!response.ok) throw new Error(`demo handoff refused: ${response.status} ${await response.text()}`);
  };

  const schedule = () => {
    if (stopped) return;
    const gap = -Math.log(1 - Math.random()) * meanGapMs;
    timer = setTimeout(() => {
      void post().catch(options.onError ?? ((error: unknown) => console.error(String(error))));
      schedule();
    }, gap);
    timer.unref();
  };
  schedule();

  return {
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
