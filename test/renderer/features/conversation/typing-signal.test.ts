import { describe, expect, it } from 'vitest';
import { createTypingSignal, TYPING_SIGNAL_INTERVAL_MS } from '../../../../src/renderer/features/conversation/typing-signal';

describe('typing signal', () => {
  it('sends once per conversation per interval while the agent types, and not for blank drafts', () => {
    let clock = 1_000;
    const sent: string[] = [];
    const signal = createTypingSignal((id) => sent.push(id), () => clock);
    signal('c1', 'H');
    signal('c1', 'He');
    signal('c2', 'Hi');
    signal('c1', '   ');
    clock += TYPING_SIGNAL_INTERVAL_MS - 1;
    signal('c1', 'Hel');
    clock += 1;
    signal('c1', 'Hell');
    expect(sent).toEqual(['c1', 'c2', 'c1']);
  });
});
