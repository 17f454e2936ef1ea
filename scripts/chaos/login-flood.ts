import { build } from '../../src/hub/app';
import { seedDemo } from '../../src/hub/demo/seed';

export interface LoginFloodFigures {
  wrong: number;
  /** How the wrong sign-ins were answered, by status. */
  wrongAnswers: Record<number, number>;
  /** The real user's sign-in, from another address, sent while every wrong one is in flight. */
  legitimateStatus: number;
  legitimateMs: number;
  /** The same sign-in on the same hub with nothing else in flight. */
  aloneMs: number;
}

/**
 * 64 wrong passwords for one account in flight at once from one address (an attacker's script),
 * and the real user signing in from theirs meanwhile: how long they wait, and what the attacker got.
 */
export async function runLoginFlood(options: { wrong?: number } = {}): Promise<LoginFloodFigures> {
  const wrong = options.wrong ?? 64;
  const hub = await build({ databaseFile: ':memory:' });
  await seedDemo(hub);
  const signIn = (email: string, password: string, remoteAddress: string) =>
    hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, remoteAddress });
  try {
    const timed = async () => {
      const started = performance.now();
      const answer = await signIn('supervisor@demo', 'demo', '127.0.0.1');
      return { status: answer.statusCode, ms: performance.now() - started };
    };
    const alone = await timed();
    const attack = Array.from({ length: wrong }, (_, index) => signIn('agent@demo', `guess-${index}`, '203.0.113.9'));
    const legitimate = await timed();
    const wrongAnswers: Record<number, number> = {};
    for (const answer of await Promise.all(attack)) wrongAnswers[answer.statusCode] = (wrongAnswers[answer.statusCode] ?? 0) + 1;
    return { wrong, wrongAnswers, legitimateStatus: legitimate.status, legitimateMs: Math.round(legitimate.ms), aloneMs: Math.round(alone.ms) };
  } finally {
    await hub.app.close();
  }
}

export const describeLoginFlood = (f: LoginFloodFigures): string =>
  `login flood: ${f.wrong} wrong sign-ins in flight answered ${Object.entries(f.wrongAnswers).map(([status, count]) => `${count}×${status}`).join(', ')}; ` +
  `the real user's sign-in meanwhile ${f.legitimateStatus} in ${f.legitimateMs} ms (alone ${f.aloneMs} ms)`;
