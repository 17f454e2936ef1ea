/** Finds full calendar dates (day, month and year) the way people type them. */

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;

const FORMS: readonly RegExp[] = [
  // 29/02/1980, 2-3-1990, 02.03.90
  /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:(?:19|20)\d{2}|\d{2})(?!\d)/,
  // 1980-02-29
  /(?<!\d)(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)/,
  // April 3rd, 1990 / Apr 3 1990
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s+${DAY},?\s+${YEAR}\b`, 'i'),
  // 3 April 1990 / 3rd of April, 1990
  new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+${YEAR}\b`, 'i'),
];

/** The first full date in the text, as typed. */
export function findDate(text: string): string | undefined {
  let best: { index: number; value: string } | undefined;
  for (const form of FORMS) {
    const match = form.exec(text);
    if (match && (!best || match.index < best.index)) best = { index: match.index, value: match[0] };
  }
  return best?.value;
}

const BIRTH_CUE = /\b(?:born|birth(?:date|day)?|date of birth|dob|d\.o\.b|bday)\b/i;

/** A date of birth stated outright ("I was born on 3 May 1990", "DOB 03/05/1990"). */
export function findBirthDate(text: string): string | undefined {
  const cue = BIRTH_CUE.exec(text);
  if (!cue) return undefined;
  return findDate(text.slice(cue.index, cue.index + 80));
}
