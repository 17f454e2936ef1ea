import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { envelopeSchema, type HandoffEnvelope } from '../../../src/shared/envelope';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import type { AdapterContext, AdapterOutcome, PendingTranscripts } from '../../../src/hub/adapters/types';

export const PROTOCOLS_DIR = path.resolve(__dirname, '../../../../shared/data/protocols');
export const hasProtocols = existsSync(PROTOCOLS_DIR);
export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/adapters');

export const NOW = new Date('2026-11-20T10:30:00.000Z');

export function makeContext(pending: PendingTranscripts = createMemoryPendingTranscripts(() => NOW), integrationId = 'int-1'): AdapterContext {
  return { integrationId, now: () => NOW, pending };
}

export const readProtocol = (name: string): string => readFileSync(path.join(PROTOCOLS_DIR, name), 'utf8');
export const protocolJson = (name: string): unknown => JSON.parse(readProtocol(name));
export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8')) as T;

/** The docs' `.jsonc` schemas: `//` comments removed (never inside strings in these files). */
export const jsoncValue = (text: string): unknown => JSON.parse(text.replace(/\/\/[^\n"]*$/gm, '').replace(/,(\s*[}\]])/g, '$1'));

/** Asserts the outcome is a handoff whose envelope passes the generic endpoint's schema. */
export function expectHandoff(outcome: AdapterOutcome): HandoffEnvelope {
  if (outcome.kind !== 'handoff') throw new Error(`expected a handoff, got ${JSON.stringify(outcome)}`);
  const checked = envelopeSchema.safeParse(outcome.envelope);
  expect(checked.success ? [] : checked.error.issues).toEqual([]);
  return outcome.envelope;
}

export const texts = (envelope: HandoffEnvelope): [string, string][] => envelope.transcript.map((t) => [t.author, t.text]);
