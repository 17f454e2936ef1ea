/**
 * Measures the enrichment against STAR (Mosig et al. 2020), real wizard-of-oz dialogues:
 * `npx tsx scripts/eval-enrichment.ts [--mistakes]`. Each dialogue becomes an envelope with no
 * bot-given context (customer = "User" turns, bot = the "Wizard" messages the user saw), then
 * enrich() derives reason and fields, which are scored against STAR's own ground truth.
 *
 * Ground truth
 * - Fields: the values in the scenario instructions the user worked from ("You are Jane Doe.
 *   Your account number is 68318931") and the values the wizard entered into its API query
 *   (CustomerName, AccountNumber, DateOfBirth, ride ids, fraud amounts). A derived value is
 *   correct if it matches any of them. They are only compared, never printed.
 * - Reason: STAR's wizards picked each reply from labelled actions. A dialogue is a bot failure
 *   when the wizard sent an `out_of_scope` reply (the assistant could not handle the user's turn)
 *   or `bank_inform_cannot_authenticate` (it could not go on with what the user gave); otherwise
 *   it has no handoff reason (`unknown`). STAR has no customer asking for a human and no planned
 *   escalation, so every derived one of those counts as a false positive.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { enrich } from '../src/hub/enrichment';
import type { HandoffEnvelope, Turn } from '../src/shared/envelope';
import { containsDigits, containsWord, digitsOf } from '../src/shared/text/normalize';

const STAR_DIR = resolve(__dirname, '..', '..', 'shared', 'data', 'star');
const FAILURE_LABELS = new Set(['out_of_scope', 'bank_inform_cannot_authenticate']);
const KINDS = ['name', 'account_number', 'date_of_birth', 'booking_reference', 'amount', 'order_id', 'email', 'phone'] as const;
type Kind = (typeof KINDS)[number];

interface StarEvent {
  Agent: string;
  Action: string;
  Text?: string;
  ActionLabel?: string;
  UnixTime?: number;
  Constraints?: Record<string, unknown>[];
}
interface StarDialogue {
  DialogueID: number;
  Events: StarEvent[];
  Scenario: { UserTask?: string };
}

interface Truth {
  fields: Map<Kind, string[]>;
  failureTurnIds: Set<string>;
}

function toEnvelope(dialogue: StarDialogue): { envelope: HandoffEnvelope; truth: Truth } {
  const transcript: Turn[] = [];
  const failureTurnIds = new Set<string>();
  const fields = new Map<Kind, string[]>(KINDS.map((k) => [k, []]));
  const add = (kind: Kind, value: unknown): void => {
    const text = String(value ?? '').replace(/^"|"$/g, '').trim();
    if (text && !text.startsWith('api.')) fields.get(kind)?.push(text);
  };
  let time = 0;
  for (const event of dialogue.Events) {
    time = event.UnixTime ?? time;
    const at = new Date(time * 1000).toISOString();
    // Wizard "request_suggestions" text was typed to search templates; the user never saw it.
    const seen = event.Action === 'utter' || event.Action === 'pick_suggestion';
    if (seen && event.Text && (event.Agent === 'User' || event.Agent === 'Wizard')) {
      const id = `t${transcript.length + 1}`;
      transcript.push({ id, at, author: event.Agent === 'User' ? 'customer' : 'bot', text: event.Text.slice(0, 20_000) });
      if (event.ActionLabel && FAILURE_LABELS.has(event.ActionLabel)) failureTurnIds.add(id);
    }
    if (event.Agent === 'UserGuide' && event.Text) readInstruction(event.Text, add);
    for (const constraint of event.Action === 'query' ? (event.Constraints ?? []) : []) {
      for (const [key, value] of Object.entries(constraint)) {
        if (['CustomerName', 'FullName', 'PatientName', 'RenterName', 'GuestName'].includes(key)) add('name', value);
        if (key === 'AccountNumber') add('account_number', value);
        if (key === 'DateOfBirth') add('date_of_birth', value);
        if (key === 'id' && /ride/.test(JSON.stringify(event))) add('booking_reference', value);
        if (key === 'FraudReport') for (const m of String(value).matchAll(/\$\s?(\d+)/g)) add('amount', m[1]);
      }
    }
  }
  readInstruction(dialogue.Scenario.UserTask ?? '', add);
  const envelope: HandoffEnvelope = {
    v: 1,
    id: `star:${dialogue.DialogueID}`,
    source: { platform: 'star', conversationId: String(dialogue.DialogueID) },
    customer: { name: 'Customer' },
    transcript,
  };
  return { envelope, truth: { fields, failureTurnIds } };
}

function readInstruction(text: string, add: (kind: Kind, value: unknown) => void): void {
  const name = String.raw`([A-Z][a-z]+(?: [A-Z][a-z]+)?)`;
  for (const pattern of [new RegExp(String.raw`\bYour? are ${name}\b`, 'g'), new RegExp(String.raw`\bYour name is ${name}`, 'g'), new RegExp(String.raw`\bYou \(${name}\)`, 'g')]) {
    for (const m of text.matchAll(pattern)) add('name', m[1]);
  }
  for (const m of text.matchAll(/account number is (\d+)/gi)) add('account_number', m[1]);
  for (const m of text.matchAll(/date of birth is ([\d/.-]+\d)/gi)) add('date_of_birth', m[1]);
  for (const m of text.matchAll(/ride ID is (\d+)|booking \(?id (\d+)/gi)) add('booking_reference', m[1] ?? m[2]);
  for (const m of text.matchAll(/\$(\d+(?:\.\d+)?)/g)) add('amount', m[1]);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Day, month and year as numbers in a fixed order, whichever way the date was written. */
function dateKey(text: string): string {
  const lower = text.toLowerCase();
  const month = MONTHS.findIndex((m) => lower.includes(m));
  const numbers = (lower.match(/\d+/g) ?? []).map(Number);
  const year = numbers.find((n) => n > 31) ?? 0;
  const rest = numbers.filter((n) => n !== year);
  const parts = month >= 0 ? [rest[0] ?? 0, month + 1] : rest.slice(0, 2);
  return [...parts.sort((a, b) => a - b), year % 100].join('-');
}

function matches(kind: Kind, derived: string, truth: string): boolean {
  switch (kind) {
    case 'name': {
      const d = derived.toLowerCase().split(/\s+/);
      const t = truth.toLowerCase().replace(/\./g, '').split(/\s+/);
      return d.every((w) => t.includes(w)) || t.every((w) => d.includes(w));
    }
    case 'date_of_birth':
      return dateKey(derived) === dateKey(truth);
    case 'amount':
      return Number(derived.replace(/[^\d.]/g, '')) === Number(truth);
    default:
      return digitsOf(derived) !== '' && digitsOf(derived) === digitsOf(truth);
  }
}

/** Whether the customer actually typed the value, so recall is not charged for what was never said. */
function stated(kind: Kind, truth: string, customerText: string): boolean {
  if (kind === 'name') return truth.split(/\s+/).some((w) => containsWord(customerText, w));
  if (kind === 'date_of_birth') return containsDigits(customerText, truth.split(/\D+/).find(Boolean) ?? '@');
  return containsDigits(customerText, digitsOf(truth));
}

interface Tally { derived: number; correct: number; truths: number; found: number; statedTruths: number; statedFound: number }

function main(): void {
  const manifestPath = join(STAR_DIR, 'MANIFEST.json');
  if (!existsSync(manifestPath)) {
    console.log(`STAR data not found at ${STAR_DIR}: skipping the enrichment evaluation.`);
    return;
  }
  const showMistakes = process.argv.includes('--mistakes');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dialogues: { file: string }[] };
  const tally = new Map<Kind, Tally>(KINDS.map((k) => [k, { derived: 0, correct: 0, truths: 0, found: 0, statedTruths: 0, statedFound: 0 }]));
  const reasons = { truthFailure: 0, predictedFailure: 0, bothFailure: 0, otherKinds: 0, evidence: 0, evidenceRight: 0, total: 0 };

  for (const entry of manifest.dialogues) {
    const dialogue = JSON.parse(readFileSync(join(STAR_DIR, entry.file), 'utf8')) as StarDialogue;
    const { envelope, truth } = toEnvelope(dialogue);
    const result = enrich(envelope);
    const customerText = envelope.transcript.filter((t) => t.author === 'customer').map((t) => t.text).join('\n');

    reasons.total += 1;
    const isTruthFailure = truth.failureTurnIds.size > 0;
    const kind = result.reason?.kind ?? 'unknown';
    reasons.truthFailure += Number(isTruthFailure);
    reasons.predictedFailure += Number(kind === 'bot_failure');
    reasons.bothFailure += Number(kind === 'bot_failure' && isTruthFailure);
    reasons.otherKinds += Number(kind === 'customer_requested' || kind === 'planned_escalation');
    if (kind === 'bot_failure') {
      for (const id of result.reason?.evidenceTurnIds ?? []) {
        reasons.evidence += 1;
        reasons.evidenceRight += Number(truth.failureTurnIds.has(id));
      }
    }
    if (showMistakes && (kind !== 'unknown') !== isTruthFailure) console.log(`reason  #${dialogue.DialogueID}: derived ${kind}, truth ${isTruthFailure ? 'bot_failure' : 'unknown'}`);

    for (const k of KINDS) {
      const t = tally.get(k);
      if (!t) continue;
      const truths = [...new Set(truth.fields.get(k) ?? [])];
      const derived = (result.fields ?? []).filter((f) => f.key === k && f.source === 'derived');
      t.derived += derived.length;
      for (const field of derived) {
        const right = truths.some((value) => matches(k, field.value, value));
        t.correct += Number(right);
        if (showMistakes && !right) console.log(`${k} #${dialogue.DialogueID}: derived "${field.value}" matches no ground truth`);
      }
      // Recall counts a dialogue once per kind: was any of its true values derived?
      if (truths.length === 0) continue;
      const found = derived.some((field) => truths.some((value) => matches(k, field.value, value)));
      const wasStated = truths.some((value) => stated(k, value, customerText));
      t.truths += 1;
      t.found += Number(found);
      t.statedTruths += Number(wasStated);
      t.statedFound += Number(found && wasStated);
      if (showMistakes && wasStated && !found) console.log(`${k} #${dialogue.DialogueID}: stated but not derived`);
    }
  }
  printTables(reasons, tally);
}

const pct = (n: number, d: number): string => (d === 0 ? '   n/a' : (n / d).toFixed(3).padStart(6));

function printTables(r: { truthFailure: number; predictedFailure: number; bothFailure: number; otherKinds: number; evidence: number; evidenceRight: number; total: number }, tally: Map<Kind, Tally>): void {
  console.log(`\nSTAR enrichment evaluation: ${r.total} dialogues\n`);
  console.log('reason        derived  truth  precision  recall');
  console.log(`bot_failure   ${String(r.predictedFailure).padStart(7)}  ${String(r.truthFailure).padStart(5)}     ${pct(r.bothFailure, r.predictedFailure)}  ${pct(r.bothFailure, r.truthFailure)}`);
  console.log(`other kinds   ${String(r.otherKinds).padStart(7)}      0     (every one a false positive; STAR has no human requests)`);
  const correctDialogues = r.total - (r.predictedFailure - r.bothFailure) - (r.truthFailure - r.bothFailure) - r.otherKinds;
  console.log(`overall accuracy (bot_failure vs unknown): ${pct(correctDialogues, r.total)}`);
  console.log(`evidence turns that are labelled failures: ${pct(r.evidenceRight, r.evidence)} (${r.evidenceRight}/${r.evidence})\n`);
  console.log('field              derived  correct  precision  recall(stated)  recall(scenario)  dialogues with truth');
  for (const [kind, t] of tally) {
    console.log(
      `${kind.padEnd(18)} ${String(t.derived).padStart(7)}  ${String(t.correct).padStart(7)}     ${pct(t.correct, t.derived)}          ${pct(t.statedFound, t.statedTruths)}            ${pct(t.found, t.truths)}  ${String(t.truths).padStart(4)} (${t.statedTruths} stated)`,
    );
  }
  const all = [...tally.values()].reduce((a, t) => ({ d: a.d + t.derived, c: a.c + t.correct }), { d: 0, c: 0 });
  console.log(`\nall fields: precision ${pct(all.c, all.d)} over ${all.d} derived values`);
  console.log('recall(stated) counts only dialogues where the customer actually typed a true value.');
}

main();
