/**
 * Compares sentiment analysers on customer-service turns labelled by hand
 * (test/fixtures/sentiment/labelled-turns.json): `npm run eval:sentiment`. Each analyser is
 * scored on its lexicon alone and with Warmline's frustration signals (shouting, emphatic
 * punctuation, demands for a person) pulling the score down, as enrichment does. Prints
 * accuracy and macro-F1 per analyser, then accuracy per tag (caps, emoji, negation, sarcasm…).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import multilang from 'multilang-sentiment';
import { lexicalScore } from '../src/hub/enrichment/lexicon';
import { labelOf, scoreTurns, type LexicalScorer } from '../src/hub/enrichment/sentiment';
import type { Turn } from '../src/shared/envelope';

const LABELS = ['negative', 'neutral', 'positive'] as const;
type Label = (typeof LABELS)[number];
interface LabelledTurn {
  text: string;
  lang: string;
  label: Label;
  tags: string[];
}

/** Lexicon sums run roughly −10…10 per message; this scale puts "angry" (−3) near −0.5. */
const SUM_SCALE = 5;
const afinn = new Sentiment();
const MULTILANG_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'nl', 'it']);

const ANALYSERS: Readonly<Record<string, LexicalScorer>> = {
  'AFINN (sentiment)': (text) => Math.tanh(afinn.analyze(text).score / SUM_SCALE),
  'VADER (vader-sentiment)': (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
  'wink-sentiment (chosen)': lexicalScore,
  'multilang-sentiment': (text, language) =>
    Math.tanh(multilang(text, language && MULTILANG_LANGUAGES.has(language) ? language : 'en').score / SUM_SCALE),
};

const path = resolve(__dirname, '..', 'test', 'fixtures', 'sentiment', 'labelled-turns.json');
const { turns } = JSON.parse(readFileSync(path, 'utf8')) as { turns: LabelledTurn[] };

function predict(scorer: LexicalScorer, turn: LabelledTurn, withSignals: boolean): Label {
  if (!withSignals) return labelOf(scorer(turn.text, turn.lang));
  const asTurn: Turn = { id: 't1', author: 'customer', text: turn.text, at: '2026-01-01T00:00:00.000Z' };
  return labelOf(scoreTurns([asTurn], turn.lang, scorer)[0]?.score ?? 0);
}

function macroF1(pairs: readonly { truth: Label; guess: Label }[]): number {
  const f1s = LABELS.map((label) => {
    const tp = pairs.filter((p) => p.guess === label && p.truth === label).length;
    const fp = pairs.filter((p) => p.guess === label && p.truth !== label).length;
    const fn = pairs.filter((p) => p.guess !== label && p.truth === label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((s, f) => s + f, 0) / LABELS.length;
}

const tags = [...new Set(turns.flatMap((t) => t.tags))].sort();
const nonEnglish = (t: LabelledTurn): boolean => t.lang !== 'en';
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`.padStart(6);
console.log(`${turns.length} labelled turns (${turns.filter(nonEnglish).length} not in English)\n`);
console.log(['analyser'.padEnd(44), 'accuracy', 'macro-F1', ...tags.map((t) => t.padStart(8)), '  non-en'].join(' '));
for (const [name, scorer] of Object.entries(ANALYSERS)) {
  for (const withSignals of [false, true]) {
    const pairs = turns.map((turn) => ({ turn, truth: turn.label, guess: predict(scorer, turn, withSignals) }));
    const accuracyOf = (subset: typeof pairs): number => subset.filter((p) => p.truth === p.guess).length / Math.max(1, subset.length);
    console.log(
      [
        `${name}${withSignals ? ' + frustration signals' : ''}`.padEnd(44),
        pct(accuracyOf(pairs)).padStart(8),
        macroF1(pairs).toFixed(3).padStart(8),
        ...tags.map((tag) => pct(accuracyOf(pairs.filter((p) => p.turn.tags.includes(tag)))).padStart(8)),
        pct(accuracyOf(pairs.filter((p) => nonEnglish(p.turn)))).padStart(8),
      ].join(' '),
    );
  }
}
