import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseAgent, isEligible, needsOf, type Candidate, type Needs } from '../../../src/hub/routing/choose-agent';
import { waitingReason } from '../../../src/hub/routing/waiting-reason';

const agent = (overrides: Partial<Candidate>): Candidate => ({
  id: 'u',
  name: 'U',
  presence: 'available',
  capacity: 2,
  load: 0,
  idleSince: 1000,
  skills: [],
  languages: ['en'],
  ...overrides,
});
const needs = (skills: string[] = [], language: string | null = null): Needs => ({ skills, language });

describe('who is eligible for an offer', () => {
  it('requires the agent to be available, below capacity, skilled in everything asked and speaking the language', () => {
    const kofi = agent({ skills: ['billing', 'fraud'], languages: ['en'] });
    expect(isEligible(kofi, needs(['billing']))).toBe(true);
    expect(isEligible(kofi, needs(['billing', 'fraud'], 'en'))).toBe(true);
    expect(isEligible(kofi, needs(['billing', 'returns']))).toBe(false);
    expect(isEligible(kofi, needs([], 'de'))).toBe(false);
    expect(isEligible({ ...kofi, presence: 'away' }, needs())).toBe(false);
    expect(isEligible({ ...kofi, presence: 'offline' }, needs())).toBe(false);
    expect(isEligible({ ...kofi, load: 2 }, needs())).toBe(false);
  });

  it('matches skills without regard to case and languages on their primary subtag', () => {
    const alex = agent({ skills: ['Billing'], languages: ['fr-FR', 'en'] });
    expect(isEligible(alex, needs(['billing'], 'en-GB'))).toBe(true);
    expect(isEligible(alex, needs([], 'FR'))).toBe(true);
    expect(isEligible(alex, needs([], 'es'))).toBe(false);
  });

  it('combines the queue’s required skills with the conversation’s, and falls back to the queue’s language', () => {
    expect(needsOf(needs(['fraud'], 'en'), needs(['billing', 'Fraud'], null))).toEqual({ skills: ['Fraud', 'billing'], language: 'en' });
    expect(needsOf(needs([], 'en'), needs([], 'es')).language).toBe('es');
  });
});

describe('choosing the best eligible agent', () => {
  it('offers to the longest idle eligible agent, passing over the idler one who lacks the skill', () => {
    const candidates = [
      agent({ id: 'sam', idleSince: 10, skills: ['delivery'] }),
      agent({ id: 'alex', idleSince: 50, skills: ['billing'] }),
      agent({ id: 'kofi', idleSince: 90, skills: ['billing'] }),
    ];
    expect(chooseAgent(candidates, needs(['billing']))?.id).toBe('alex');
    expect(chooseAgent(candidates, needs())?.id).toBe('sam');
    expect(chooseAgent(candidates, needs(['billing']), new Set(['alex']))?.id).toBe('kofi');
  });

  it('never picks an ineligible or excluded agent, and picks none only when no eligible one is left', () => {
    const candidateArb = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      name: fc.constant('N'),
      presence: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
      capacity: fc.integer({ min: 0, max: 3 }),
      load: fc.integer({ min: 0, max: 4 }),
      idleSince: fc.integer({ min: 0, max: 100 }),
      skills: fc.subarray(['billing', 'fraud', 'returns']),
      languages: fc.subarray(['en', 'fr', 'es']),
    });
    fc.assert(
      fc.property(
        fc.array(candidateArb, { maxLength: 6 }),
        fc.subarray(['billing', 'fraud', 'returns']),
        fc.option(fc.constantFrom('en', 'fr', 'es', 'de'), { nil: null }),
        fc.subarray(['a', 'b', 'c']),
        (drawn, skills, language, excludedIds) => {
          const candidates: Candidate[] = drawn;
          const excluded = new Set<string>(excludedIds);
          const wanted = needs(skills, language);
          const eligible = candidates.filter((candidate) => !excluded.has(candidate.id) && isEligible(candidate, wanted));
          const chosen = chooseAgent(candidates, wanted, excluded);
          if (eligible.length === 0) return chosen === null;
          return chosen !== null && eligible.includes(chosen) && eligible.every((other) => other.idleSince >= chosen.idleSince);
        },
      ),
    );
  });
});

describe('why a handoff waits', () => {
  it('names the first unmet rule: nobody online, everyone away, a missing skill, a language, or capacity', () => {
    const alex = agent({ id: 'alex', skills: ['billing'], languages: ['en', 'fr'], capacity: 1 });
    expect(waitingReason([], needs())).toBe('nobody is online');
    expect(waitingReason([{ ...alex, presence: 'offline' }], needs())).toBe('nobody is online');
    expect(waitingReason([{ ...alex, presence: 'away' }], needs())).toBe('every agent is away');
    expect(waitingReason([alex], needs(['fraud']))).toBe('no agent with skill fraud is available');
    expect(waitingReason([alex, agent({ id: 'sam', skills: ['fraud'] })], needs(['billing', 'fraud']))).toBe(
      'no available agent has all of the skills billing, fraud',
    );
    expect(waitingReason([alex], needs(['billing'], 'de'))).toBe('no agent speaking de is available');
    expect(waitingReason([{ ...alex, load: 1 }], needs(['billing'], 'en'))).toBe('all agents are full');
    expect(waitingReason([alex], needs(['billing'], 'en'))).toBeNull();
  });

  it('gives a reason exactly when no agent is eligible', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            presence: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
            load: fc.integer({ min: 0, max: 3 }),
            skills: fc.subarray(['billing', 'fraud']),
            languages: fc.subarray(['en', 'de']),
          }),
          { maxLength: 5 },
        ),
        fc.subarray(['billing', 'fraud']),
        fc.option(fc.constantFrom('en', 'de'), { nil: null }),
        (shapes, skills, language) => {
          const candidates = shapes.map((shape, index) => agent({ ...shape, id: `a${index}` }));
          const anyEligible = candidates.some((candidate) => isEligible(candidate, needs(skills, language)));
          return (waitingReason(candidates, needs(skills, language)) === null) === anyEligible;
        },
      ),
    );
  });
});
