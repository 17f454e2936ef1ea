import { describe, expect, it } from 'vitest';
import { isFallback } from '../../../src/hub/enrichment/bot-failure';
import { asksForHuman } from '../../../src/hub/enrichment/human-request';
import { deriveReason } from '../../../src/hub/enrichment/reason';
import { envelopeOf } from './conversation';

describe('asksForHuman', () => {
  it.each([
    'agent',
    'AGENT!!!',
    'Human please',
    'real person',
    'representative',
    'operator',
    'let me talk to a person',
    'Can I speak to someone?',
    'connect me with customer service',
    'I want a human, not a bot',
    'is there a live agent available',
    'quiero hablar con un agente',
    'Je voudrais parler à un conseiller',
    'Ich möchte mit einem Menschen sprechen',
  ])('hears a request for a person in "%s"', (text) => {
    expect(asksForHuman(text)).toBe(true);
  });

  it.each([
    'Someone stole $300 from my account',
    'Is there any way someone could help with this?',
    'Is someone there? I need to reserve a flight.',
    'my travel agent booked this flight',
    "I don't want to talk to a human, just fix it",
    'Thank you, you are a wonderful person',
    '',
  ])('does not mistake "%s" for a request for a person', (text) => {
    expect(asksForHuman(text)).toBe(false);
  });
});

describe('isFallback', () => {
  it.each([
    "I didn't understand that.",
    "Sorry, I didn't get that.",
    "I'm not sure I can help with that.",
    'Can you rephrase your question?',
    "I am sorry, I don't quite understand what you mean. I am only able to help you reserve a flight.",
    'I am sorry, but I cannot authenticate you with the information you have provided.',
    "That's outside my scope, I'm afraid.",
  ])('recognises the fallback "%s"', (text) => {
    expect(isFallback(text)).toBe(true);
  });

  it.each(['Can you repeat your arrival time?', 'What is your order number?', 'Your report has been submitted.'])(
    'does not count the ordinary reply "%s" as a failure',
    (text) => {
      expect(isFallback(text)).toBe(false);
    },
  );
});

describe('deriveReason', () => {
  it('names a customer who asked for a person, with the turn that proves it', () => {
    const reason = deriveReason(
      envelopeOf([
        ['customer', 'My parcel never arrived'],
        ['bot', 'What is your order number?'],
        ['customer', 'AGENT!!!'],
      ]),
    );
    expect(reason).toMatchObject({ kind: 'customer_requested', evidenceTurnIds: ['t3'], attempts: 0, source: 'derived' });
  });

  it('counts each bot turn it could not handle as a failed attempt', () => {
    const reason = deriveReason(
      envelopeOf([
        ['customer', 'my boots squeak when it rains'],
        ['bot', "Sorry, I didn't get that."],
        ['customer', 'the boots. they squeak.'],
        ['bot', 'Can you rephrase?'],
        ['customer', 'forget it'],
      ]),
    );
    expect(reason).toMatchObject({ kind: 'bot_failure', evidenceTurnIds: ['t2', 't4'], attempts: 2 });
    expect(reason.detail).toContain('2 customer turns');
  });

  it('prefers the customer asking for a person over the failures that led to it, keeping both as evidence', () => {
    const reason = deriveReason(
      envelopeOf([
        ['customer', 'refund exception please'],
        ['bot', "I didn't understand that."],
        ['customer', 'let me talk to a real person'],
      ]),
    );
    expect(reason).toMatchObject({ kind: 'customer_requested', evidenceTurnIds: ['t2', 't3'], attempts: 1 });
  });

  it('reads a planned escalation from the bot flag in extra', () => {
    const reason = deriveReason(envelopeOf([['customer', 'I want to upgrade my plan']], { extra: { plannedEscalation: true } }));
    expect(reason.kind).toBe('planned_escalation');
  });

  it('treats a bot announcing a transfer unprompted as a planned escalation', () => {
    const reason = deriveReason(
      envelopeOf([
        ['customer', 'I would like a mortgage quote'],
        ['bot', 'I am transferring you to a mortgage specialist now.'],
      ]),
    );
    expect(reason).toMatchObject({ kind: 'planned_escalation', evidenceTurnIds: ['t2'] });
  });

  it('says unknown rather than guessing when the transcript shows no reason', () => {
    const reason = deriveReason(
      envelopeOf([
        ['customer', 'I want to return my boots'],
        ['bot', 'Sure. What is your order number?'],
      ]),
    );
    expect(reason).toEqual({ kind: 'unknown', source: 'derived' });
  });
});
