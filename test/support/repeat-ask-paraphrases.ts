import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HandoffEnvelope } from '../../src/shared/envelope';
import type { RepeatAskKey } from '../../src/shared/repeat-ask';

/** The paraphrase list the composer's guard and the hub's repeat-ask metric are both tested with. */
export const paraphrases = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/repeat-ask/paraphrases.json'), 'utf8')) as {
  envelope: Pick<HandoffEnvelope, 'customer' | 'fields'>;
  asks: { text: string; field: RepeatAskKey }[];
  mentions: string[];
};
