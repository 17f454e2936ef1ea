import type { FrustrationSignal, Sentiment as EnvelopeSentiment, Turn } from '../../shared/envelope';
import { FRUSTRATION_SIGNALS } from '../../shared/envelope';
import { sentimentLabelOf } from '../../shared/sentiment-label';
import { asksForHuman } from './human-request';
import { lexicalScore } from './lexicon';
import { isCustomer, scanText } from './turns';

/** A lexicon's reading of one message, −1…1; `language` is the customer's, when known. */
export type LexicalScorer = (text: string, language?: string) => number;

/** How far each frustration signal pulls a turn's score down (scores run −1…1). */
const PENALTY: Readonly<Record<FrustrationSignal, number>> = {
  repetition: 0.25,
  all_caps: 0.2,
  exclamations: 0.2,
  demands_human: 0.2,
};
// Doubled marks are how people raise their voice in chat ("hello??", "answer me!!"); one is punctuation.
const EMPHATIC = /[!?]{2,}/;
// Courtesy in a request is not a feeling: "I would like to return…, please" is neutral.
const COURTESY = /\b(?:would|'d) like\b|\bplease\b|\bpls\b/gi;
// "Get me a person. Now." is a demand however calmly it is typed.
const URGENT = /\b(?:now|right away|immediately|asap|at once)\b/i;
const TREND_THRESHOLD = 0.2;

// Replies nobody repeats out of frustration: saying "yes" twice is a conversation, not a signal.
const ACKNOWLEDGEMENTS = new Set(['yes', 'no', 'ok', 'okay', 'sure', 'thanks', 'thank you', 'yep', 'nope', 'hi', 'hello', 'bye']);

export interface TurnSentiment {
  turnId: string;
  score: number;
  signals: FrustrationSignal[];
}

/**
 * The customer's sentiment: each turn scored by the lexicon (./lexicon), pulled down by
 * frustration signals; the overall score leans on the latest turns, since the agent meets the
 * customer as they are now. Undefined when the customer has not written.
 */
export function deriveSentiment(transcript: readonly Turn[]): EnvelopeSentiment | undefined {
  const turns = scoreTurns(transcript.filter(isCustomer));
  if (turns.length === 0) return undefined;
  // A bare fact ("my order is 555") says nothing of mood: averaging it in would calm an angry customer.
  const felt = turns.filter((t) => t.score !== 0);
  const weights = felt.map((_, i) => i + 1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const score = total === 0 ? 0 : round(felt.reduce((sum, t, i) => sum + t.score * (weights[i] ?? 0), 0) / total);
  const signals = FRUSTRATION_SIGNALS.filter((signal) => turns.some((t) => t.signals.includes(signal)));
  return {
    score,
    label: labelOf(score),
    ...(felt.length >= 2 ? { trend: trendOf(felt.map((t) => t.score)) } : {}),
    source: 'derived',
    turns: turns.map(({ turnId, score: turnScore }) => ({ turnId, score: turnScore })),
    signals,
  };
}

export const labelOf = sentimentLabelOf;

export function scoreTurns(
  customerTurns: readonly Turn[],
  language?: string,
  lexical: LexicalScorer = lexicalScore,
): TurnSentiment[] {
  const seen = new Set<string>();
  let humanRequests = 0;
  return customerTurns.map((turn) => {
    const text = scanText(turn);
    const signals: FrustrationSignal[] = [];
    const key = comparableKey(text);
    if (key && !ACKNOWLEDGEMENTS.has(key) && seen.has(key)) signals.push('repetition');
    if (key) seen.add(key);
    if (isShouting(text)) signals.push('all_caps');
    const emphatic = EMPHATIC.test(text);
    if (emphatic) signals.push('exclamations');
    if (asksForHuman(text)) {
      humanRequests += 1;
      if (emphatic || isShouting(text) || URGENT.test(text) || humanRequests > 1) signals.push('demands_human');
    }
    const penalty = signals.reduce((sum, signal) => sum + PENALTY[signal], 0);
    return { turnId: turn.id, score: round(clamp(lexical(text.replace(COURTESY, ' '), language) - penalty)), signals };
  });
}

/**
 * Mostly capital letters, or three capitalised words in a row ("RETURN. MY. BOOTS."), over
 * enough letters that "OK" or "the ATM" is not shouting. Scripts without capitals never shout.
 */
export function isShouting(text: string): boolean {
  const upper = (text.match(/\p{Lu}/gu) ?? []).length;
  // Both tests below need at least three capitals (four, or one in each of three words): most
  // messages have fewer, and this skips the per-word scan that was a tenth of enrichment.
  if (upper < 3) return false;
  const lower = (text.match(/\p{Ll}/gu) ?? []).length;
  if (upper >= 4 && upper / (upper + lower) >= 0.8) return true;
  let run = 0;
  let letters = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const capitalOnly = /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
    run = capitalOnly ? run + 1 : 0;
    letters = capitalOnly ? letters + word.length : 0;
    if (run >= 3 && letters >= 8) return true;
  }
  return false;
}

/** Early turns against late turns: the first half's mean against the second half's. */
function trendOf(scores: readonly number[]): 'worsening' | 'steady' | 'improving' {
  const half = Math.floor(scores.length / 2);
  const early = mean(scores.slice(0, Math.max(1, half)));
  const late = mean(scores.slice(scores.length - Math.max(1, half)));
  const delta = late - early;
  return delta <= -TREND_THRESHOLD ? 'worsening' : delta >= TREND_THRESHOLD ? 'improving' : 'steady';
}

/**
 * `comparable(text)` from shared/text/normalize for the repetition check, one pass shorter: once
 * every run of non-letters is one space, only the ends can hold whitespace, so a trim replaces its
 * squashSpace. The repetition check ran it on every customer turn: a quarter of scoring.
 */
export const comparableKey = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
const clamp = (value: number): number => Math.max(-1, Math.min(1, value));
const round = (value: number): number => Math.round(value * 100) / 100;
