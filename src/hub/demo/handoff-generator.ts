import { randomUUID } from 'node:crypto';
import type { HandoffEnvelope, ReasonKind, Turn } from '../../shared/envelope';
import { NAMES, SCENARIOS } from './scenarios';

/** Envelope ids of generated demo traffic start with this; the simulated agents take only these. */
const DEMO_ENVELOPE_PREFIX = 'demo-';

export const isDemoTraffic = (envelope: Pick<HandoffEnvelope, 'id'>): boolean => envelope.id.startsWith(DEMO_ENVELOPE_PREFIX);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/**
 * One realistic handoff: a scenario, a customer, a mood and one of the three reasons, with the
 * transcript that leads to it. The bot states only what a real bot would; Warmline derives the rest.
 */
export function generateHandoff(now: Date = new Date()): HandoffEnvelope {
  const scenario = pick(SCENARIOS);
  const name = pick(NAMES);
  const mood = Math.random() < 0.4 ? 'angry' : 'calm';
  const reason: ReasonKind = pick(['customer_requested', 'bot_failure', 'planned_escalation'] as const);
  const value = scenario.field.value();
  const conversationId = randomUUID();
  const turns: Turn[] = [];
  let clock = now.getTime() - 4 * 60_000;
  const say = (author: Turn['author'], text: string) => {
    clock += 8_000 + Math.floor(Math.random() * 20_000);
    const turn = { id: `t${turns.length + 1}`, at: new Date(clock).toISOString(), author, text };
    turns.push(turn);
    return turn;
  };

  say('customer', scenario.opening[mood]);
  say('bot', scenario.botQuestion);
  say('customer', scenario.answer.replace('{value}', value));
  const evidence: string[] = [];
  if (reason === 'bot_failure') {
    evidence.push(say('bot', scenario.botFailure).id);
    say('customer', scenario.followUp[mood]);
    evidence.push(say('bot', "Sorry, I didn't understand. Could you rephrase?").id);
  } else if (reason === 'customer_requested') {
    say('bot', scenario.botFailure);
    evidence.push(say('customer', mood === 'angry' ? 'Get me a real person. Now.' : 'Could I speak to a person, please?').id);
  } else {
    evidence.push(say('bot', `${scenario.title} needs one of our specialists. I'm transferring you now.`).id);
  }

  return {
    v: 1,
    id: `${DEMO_ENVELOPE_PREFIX}${scenario.department}-bot:${conversationId}:1`,
    source: { platform: 'generic', bot: `${scenario.department}-bot`, conversationId },
    customer: { id: `cust-${conversationId.slice(0, 8)}`, name, language: 'en', verification: { status: pick(['verified', 'partial', 'unverified'] as const) } },
    issue: { intent: scenario.intent, department: scenario.department },
    ...(reason === 'planned_escalation'
      ? { reason: { kind: reason, detail: `${scenario.department} policy: escalate ${scenario.intent}`, evidenceTurnIds: evidence, source: 'bot' as const } }
      : {}),
    fields: [{ key: scenario.field.key, label: scenario.field.label, value, verified: Math.random() < 0.5, source: 'bot' }],
    transcript: turns,
    routing: { skills: [scenario.department], language: 'en', priority: scenario.department === 'fraud' ? 1 : 3, channel: pick(['web', 'whatsapp', 'sms'] as const) },
  };
}
