import type { SENTIMENT_LABELS } from './envelope';

/** Scores within this distance of zero read as neutral, on the card and on the radar alike. */
const LABEL_THRESHOLD = 0.2;

export const sentimentLabelOf = (score: number): (typeof SENTIMENT_LABELS)[number] =>
  score <= -LABEL_THRESHOLD ? 'negative' : score >= LABEL_THRESHOLD ? 'positive' : 'neutral';
