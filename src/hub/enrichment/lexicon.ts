import wink from 'wink-sentiment';

/** wink's normalised scores run roughly −5…5; this scale puts "ridiculous" (−3) near −0.5. */
const WINK_SCALE = 5;

/**
 * One message's lexical reading, −1…1: wink-sentiment (AFINN-165 with emoji, emoticons, negation
 * and two-word phrases). Chosen by measured accuracy on labelled customer turns; see
 * docs/decisions/011-sentiment-analyser.md and `npm run eval:sentiment`.
 */
export const lexicalScore = (text: string): number => Math.tanh(wink(text).normalizedScore / WINK_SCALE);
