import { describe, expect, it } from 'vitest';
import { CHAOS_SIZES } from '../../scripts/chaos/run';
import { runHubChaos } from '../../scripts/chaos/hub-kill';

/** The quick chaos run: the real hub CLI SIGKILLed twice while a bot retries, agents reply and three clients resume. */
describe('the hub under SIGKILL (quick chaos)', () => {
  it(
    'delivers every accepted handoff and agent reply to each eligible resuming client exactly once and in order, and retries with the same id make no duplicates',
    async () => {
      const figures = await runHubChaos(CHAOS_SIZES.quick);
      expect(figures.kills).toBe(CHAOS_SIZES.quick.kills);
      expect(figures.accepted).toBe(figures.sent);
      expect(figures.duplicateConversations).toBe(0);
      for (const client of figures.clients) {
        expect(client, client.name).toMatchObject({ delivered: figures.accepted, lost: 0, duplicated: 0, outOfOrder: 0 });
        // Proof the client was really cut off; a client still in backoff when the next kill lands
        // sees two kills as one drop, so the count of drops is not the count of kills.
        expect(client.drops, `${client.name} was dropped by the kills`).toBeGreaterThanOrEqual(1);
      }
      // Agents accepted, replied and resolved through the kills; each accepted reply reached every
      // eligible stream once, in the order written, retries with the same client id included.
      expect(figures.agents.replies).toBeGreaterThan(0);
      expect(figures.agents.retriesRecognised).toBeGreaterThan(0);
      for (const client of figures.replies) expect(client, `replies to ${client.name}`).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0 });
    },
    120_000,
  );
});
