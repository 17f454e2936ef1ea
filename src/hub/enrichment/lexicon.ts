import wink from 'wink-sentiment';

/** wink's normalised scores run roughly −5…5; this scale puts "ridiculous" (−3) near −0.5. */
const WINK_SCALE = 5;

/**
 * One message's lexical reading, −1…1: wink-sentiment (AFINN-165 with emoji, emoticons, negation
 * and two-word phrases). Chosen by measured accuracy on labelled customer turns; see
 * docs/decisions/011-sentiment-analyser.md and `npm run eval:sentiment`.
 */
export const lexicalScore = (text: string): number => Math.tanh(wink(boundedRuns(text)).normalizedScore / WINK_SCALE);

/** No word is this long; wink's tokenizer slows superlinearly on long unbroken runs. */
export const LONGEST_RUN = 64;
const LONG_RUN = new RegExp(`\\S{${LONGEST_RUN + 1},}`, 'g');

/**
 * The text with every unbroken run cut to LONGEST_RUN characters: a customer's 4,000-letter run
 * is scored on every message they send, on the hub's own thread.
 */
export const boundedRuns = (text: string): string => text.replace(LONG_RUN, (run) => run.slice(0, LONGEST_RUN));
