import { describe, expect, it } from 'vitest';
import { sendDecision } from '../../../../src/renderer/features/conversation/repeat-ask-guard';
import type { HandoffEnvelope } from '../../../../src/shared/envelope';
import { paraphrases } from '../../../support/repeat-ask-paraphrases';

const envelope: HandoffEnvelope = { v: 1, id: 'env-paraphrases', transcript: [], ...paraphrases.envelope };

describe('the composer guard on the shared paraphrase list', () => {
  it.each(paraphrases.asks)('stops $text on the first Enter, naming the $field already given', ({ text, field }) => {
    expect(sendDecision(text, envelope, [])).toEqual({ action: 'warn', warnedKeys: [field] });
  });

  it.each(paraphrases.mentions)('sends "%s" at once', (text) => {
    expect(sendDecision(text, envelope, [])).toEqual({ action: 'send' });
  });
});
