import type { Random } from './prng';

/**
 * Contact-centre sentences from a seeded PRNG. Templates carry the everyday words (order, refund,
 * delivery…); their slots draw from a few thousand generated names of products, places and people
 * with a Zipf distribution, so the cache has very common words and genuinely rare ones, as a real
 * one does.
 */

const SYLLABLES = ['ba', 'ker', 'lo', 'mi', 'stra', 'ven', 'dor', 'qui', 'tal', 'ne', 'fro', 'shi', 'gan', 'pel', 'ru', 'zo', 'cam', 'dre', 'hol', 'wick', 'mar', 'tis', 'bel', 'or', 'an', 'ey', 'sen', 'gro', 'plu', 'vi'];
const VOCABULARY_SIZE = 3000;

function generateVocabulary(random: Random): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const count = 2 + random.int(3);
    let word = '';
    for (let i = 0; i < count; i += 1) word += random.pick(SYLLABLES);
    words.add(word);
  }
  return [...words];
}

/** Cumulative Zipf weights (1/rank), so a draw is one binary search. */
function zipfTable(size: number): Float64Array {
  const table = new Float64Array(size);
  let sum = 0;
  for (let rank = 1; rank <= size; rank += 1) {
    sum += 1 / rank;
    table[rank - 1] = sum;
  }
  for (let i = 0; i < size; i += 1) table[i] = (table[i] ?? 0) / sum;
  return table;
}

const CUSTOMER = [
  'I ordered the {w} on {day} and it still has not arrived',
  'my order {n} came with the wrong {w} inside',
  'I want a refund for the {w}, it broke after two days',
  'can I speak to a person please, the bot keeps asking the same thing',
  'the delivery driver left my parcel at {w} instead of my door',
  'I was charged twice for order {n} and I need the money back',
  'why is my account locked, I only tried my password once',
  'the tracking page says delivered but nothing is here',
  'I already gave you my order number, it is {n}',
  'this is the third time I have asked about the refund for the {w}',
  'I moved to {w} last month, please change my delivery address',
  'the {w} I received is damaged and the box was open',
  'I did not make this payment to {w}, is this fraud',
  'can you cancel the order before it ships, I ordered the wrong {w}',
  'my name is {w} and my account email changed',
  'where is the refund for order {n}, you promised it last week',
];
const BOT = [
  'I can help with that. What is your order number?',
  'Sorry, I did not understand. Could you rephrase that?',
  'Thanks. I found order {n}, placed on {day}.',
  'Refunds outside the 30-day window need an advisor. I am transferring you now.',
  'Your parcel with {w} is out for delivery and should arrive today.',
  'For your security I have sent a one-time code to your phone.',
  'I can see a payment to {w} on {day}. Is this the one you mean?',
  'Let me connect you with a person who can look at your account.',
  'Please confirm the delivery address: {w} road.',
  'The return label for the {w} has been emailed to you.',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function createSentences(random: Random) {
  const vocabulary = generateVocabulary(random);
  const zipf = zipfTable(vocabulary.length);

  const word = (): string => {
    const u = random.next();
    let low = 0;
    let high = zipf.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((zipf[middle] ?? 1) < u) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] ?? 'order';
  };

  const fill = (template: string): string =>
    template
      .replaceAll('{w}', () => word())
      .replaceAll('{n}', () => String(100_000 + random.int(900_000)))
      .replaceAll('{day}', () => random.pick(DAYS));

  return {
    customer: (): string => fill(random.pick(CUSTOMER)),
    bot: (): string => fill(random.pick(BOT)),
    /** What the search figure looks for: words whose frequency in the generated text is known. */
    searchTerms: {
      common: 'order ',
      rare: `${vocabulary[2500] ?? 'order'} `,
      twoWords: 'refund order ',
      prefix: 'deliv',
    },
  };
}

export type Sentences = ReturnType<typeof createSentences>;
