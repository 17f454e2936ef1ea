import { describe, expect, it } from 'vitest';
import { boundedRuns, lexicalScore, LONGEST_RUN } from '../../../src/hub/enrichment/lexicon';

describe('the lexical reading of a message', () => {
  it('cuts every unbroken run to the longest word length and leaves words alone', () => {
    const run = 'a'.repeat(5000);
    expect(boundedRuns(`This is ridiculous ${run} now`)).toBe(`This is ridiculous ${'a'.repeat(LONGEST_RUN)} now`);
    expect(boundedRuns('I want my refund, NOW 😡')).toBe('I want my refund, NOW 😡');
  });

  it('reads a message padded with a hostile run as it reads the message itself', () => {
    const angry = 'This is ridiculous, I want a person';
    const padded = `${angry} ${'x@y.'.repeat(1000)}`;
    expect(lexicalScore(padded)).toBeLessThan(0);
    expect(lexicalScore(padded)).toBe(lexicalScore(`${angry} ${'x@y.'.repeat(1000).slice(0, LONGEST_RUN)}`));
  });
});
