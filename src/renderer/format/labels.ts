export {
  AUTHOR_LABELS,
  CHANNEL_LABELS,
  DISPOSITION_LABELS,
  REASON_LABELS,
  STATE_LABELS,
  channelLabel,
  reasonLabel,
} from '../../shared/labels';

/** Sentiment scores are −1…1; shown with a sign so "−0.6" is not read as a dash. */
export const formatScore = (score: number): string => `${score > 0 ? '+' : score < 0 ? '−' : '±'}${Math.abs(score).toFixed(2)}`;

/** One threshold for the card, the radar and History (src/shared/sentiment-label.ts). */
export { sentimentLabelOf as sentimentLabelFromScore } from '../../shared/sentiment-label';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** "de" → "German (de)"; anything the platform cannot name is shown as given. */
export const languageLabel = (code: string | undefined): string => {
  if (!code) return 'Unknown';
  try {
    const name = languageNames?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
};
