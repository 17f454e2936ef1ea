import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { enrich } from '../../../src/hub/enrichment';
import { envelope } from '../../support/hub';
import { testHub } from '../../support/test-store';

let hub: Hub;
beforeEach(async () => {
  hub = await testHub();
  await seedDemo(hub);
});
afterEach(async () => {
  await hub.app.close();
});

const ingest = async (id: string) => {
  const integration = (await hub.context.accounts.integrationById('demo'))!;
  return (await hub.context.service.ingest(envelope({ id, routing: { queue: 'support' } }), integration)).conversationId;
};

/** A record read from the store parses its envelope only when asked; it must not look any different. */
describe('a conversation record read back from the store', () => {
  it('carries the enriched envelope that was stored, equal to enriching the handoff again', async () => {
    const id = await ingest('env-record-1');
    const record = (await hub.context.conversations.get(id))!;
    expect(record.envelope).toEqual(enrich(envelope({ id: 'env-record-1', routing: { queue: 'support' } })));
    expect(Object.keys(record)).toContain('envelope');
  });

  it('keeps the envelope in a spread copy and in JSON, like any other field', async () => {
    const record = (await hub.context.conversations.get(await ingest('env-record-2')))!;
    const copy = { ...record, state: 'offered' as const };
    expect(copy.envelope.id).toBe('env-record-2');
    expect((JSON.parse(JSON.stringify(record)) as typeof record).envelope.id).toBe('env-record-2');
  });

  it('lets a caller replace the envelope of the record it holds', async () => {
    const record = (await hub.context.conversations.get(await ingest('env-record-3')))!;
    record.envelope = { ...record.envelope, id: 'replaced' };
    expect(record.envelope.id).toBe('replaced');
  });

  it('gives the queued event the same view as a later read of the stored row (nobody online: it stays queued)', async () => {
    const seen: unknown[] = [];
    const append = hub.context.events.append;
    hub.context.events.append = (entry) => {
      if (entry.body.type === 'conversation:queued') seen.push(JSON.parse(JSON.stringify(entry.body.conversation)));
      return append(entry);
    };
    const id = await ingest('env-record-4');
    const stored = await hub.context.conversations.view((await hub.context.conversations.get(id))!);
    expect(stored.state).toBe('queued');
    expect(seen).toEqual([JSON.parse(JSON.stringify(stored))]);
  });
});
