import { z } from 'zod';
import type { Field, Turn } from '../../shared/envelope';
import { parseWith, type FieldProblem } from '../../shared/validation';
import { readHandoffContext } from './context';
import { displayValue, fieldsFrom } from './fields';
import { finish, ignored, invalid } from './finish';
import { boundedId, channelFrom, clipShort, clipTurn, customerName, sentimentFromScore, stableId, toIsoTime } from './normalize';
import { authorFrom, isRecord, optionalShort, prefixed } from './shape';
import { statelessAdapter, type Adapter, type AdapterContext, type AdapterOutcome } from './types';

/**
 * Dialogflow CX: the WebhookRequest of the turn that hands off. The handoff is a `liveAgentHandoff`
 * response message (its `metadata` is free-form) among the request's `messages`, or one the
 * integrator copied into `payload.liveAgentHandoff`, or a fulfillment tagged for it.
 * Shapes: googleapis/googleapis `google/cloud/dialogflow/cx/v3/webhook.proto` (WebhookRequest:
 * `messages` are "the rich message responses to present to the user" in this turn, `text` or
 * `transcript` the customer's query, `sessionInfo.parameters` keyed by display name) and
 * `google/cloud/dialogflow/cx/v3/response_message.proto` (ResponseMessage: `text.text[]`,
 * `outputAudioText.text`, `liveAgentHandoff.metadata`).
 * Dialogflow sends no history, so the transcript is the one the integrator kept in the metadata or
 * payload, if any, then the customer's query and the bot's own messages of this turn.
 */

const record = z.record(z.string(), z.unknown());
const liveAgentHandoff = z.looseObject({ metadata: record.optional() });
const responseMessage = z.looseObject({
  channel: z.string().optional(),
  text: z.looseObject({ text: z.array(z.string()).optional() }).optional(),
  outputAudioText: z.looseObject({ text: z.string().optional() }).optional(),
  liveAgentHandoff: liveAgentHandoff.optional(),
});
const webhookRequest = z.looseObject({
  detectIntentResponseId: z.string().optional(),
  languageCode: z.string().optional(),
  fulfillmentInfo: z.looseObject({ tag: z.string().optional() }).optional(),
  intentInfo: z
    .looseObject({ lastMatchedIntent: z.string().optional(), displayName: z.string().optional(), confidence: z.number().optional() })
    .optional(),
  pageInfo: z.looseObject({ currentPage: z.string().optional(), displayName: z.string().optional() }).optional(),
  sessionInfo: z.looseObject({ session: z.string().optional(), parameters: record.optional() }).optional(),
  messages: z.array(responseMessage).optional(),
  payload: record.optional(),
  sentimentAnalysisResult: z.looseObject({ score: z.number().min(-1).max(1).optional(), magnitude: z.number().min(0).optional() }).optional(),
  text: z.string().optional(),
  transcript: z.string().optional(),
});
/** Warmline's convention for a transcript the integrator kept (Dialogflow has none of its own). */
const keptTranscript = z
  .array(
    z.looseObject({
      id: z.string().min(1).optional(),
      text: z.string(),
      author: z.string().optional(),
      role: z.string().optional(),
      at: z.union([z.string(), z.number()]).optional(),
      timestamp: z.union([z.string(), z.number()]).optional(),
    }),
  )
  .max(100_000);
const telephony = z.looseObject({ caller_id: z.string().optional() });

/** Fulfillment tags that mark the handoff turn when the integrator calls the webhook from it. */
const HANDOFF_TAGS = new Set(['handoff', 'live-agent-handoff', 'warmline-handoff']);

type Request = z.infer<typeof webhookRequest>;

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(webhookRequest, payload);
  if (!parsed.ok) return invalid(parsed.problems);
  const request = parsed.value;
  const handoff = findHandoff(request);
  if (!handoff) return ignored('no liveAgentHandoff in this webhook request');
  const session = request.sessionInfo?.session;
  const sessionId = session?.split('/sessions/').pop()?.split('/')[0];
  if (!sessionId) return invalid([{ path: 'sessionInfo.session', message: 'the handoff names no session' }]);

  const metadata = handoff.metadata;
  const transcriptSource = metadata.transcript !== undefined ? 'metadata' : 'payload';
  const transcriptRaw = metadata.transcript ?? request.payload?.transcript;
  const now = ctx.now().toISOString();
  const kept = transcriptRaw === undefined ? [] : keptTurns(transcriptRaw, transcriptSource, handoff.at, now);
  if (!Array.isArray(kept)) return invalid(kept.problems);
  const turns = withoutRepeats(kept, [...currentQuery(request, now), ...botMessages(request, now)]);

  const parameters = request.sessionInfo?.parameters ?? {};
  const context = readHandoffContext(metadata);
  const fromParameters = readHandoffContext(parameters);
  const phoneLine = parseWith(telephony, request.payload?.telephony);
  const callerId = phoneLine.ok ? phoneLine.value.caller_id : undefined;
  const intent = request.intentInfo?.displayName ?? request.intentInfo?.lastMatchedIntent?.split('/').pop();
  const score = request.sentimentAnalysisResult?.score;
  const language = request.languageCode;

  return finish({
    v: 1,
    id: stableId('dialogflow-cx', sessionId, ...(request.detectIntentResponseId ? [request.detectIntentResponseId] : [])),
    source: { platform: 'dialogflow-cx', bot: agentName(session), conversationId: clipShort(sessionId) },
    customer: {
      name: customerName(context.customer.name ?? personName(parameters) ?? fromParameters.customer.name, sessionId),
      email: optionalShort(context.customer.email ?? fromParameters.customer.email),
      phone: optionalShort(context.customer.phone ?? fromParameters.customer.phone ?? callerId),
      language: optionalShort(language),
    },
    issue: { ...context.issue, intent: context.issue.intent ?? optionalShort(intent) },
    reason: context.reason,
    summary: context.summary,
    sentiment: score === undefined ? undefined : sentimentFromScore(score),
    fields: mergeFields(fieldsFrom(parameters), context.fields),
    transcript: turns,
    routing: {
      ...context.routing,
      language: optionalShort(language),
      channel: phoneLine.ok && request.payload?.telephony ? 'voice' : channelFrom(handoff.channel),
    },
  });
}

function findHandoff(request: Request): { metadata: Record<string, unknown>; channel?: string; at: string } | undefined {
  const index = request.messages?.findIndex((message) => message.liveAgentHandoff) ?? -1;
  const message = index >= 0 ? request.messages?.[index] : undefined;
  if (message?.liveAgentHandoff) {
    return { metadata: message.liveAgentHandoff.metadata ?? {}, channel: message.channel, at: `messages[${index}].liveAgentHandoff.metadata` };
  }
  const copied = request.payload?.liveAgentHandoff;
  if (isRecord(copied)) {
    const metadata = isRecord(copied.metadata) ? copied.metadata : copied;
    return { metadata, at: isRecord(copied.metadata) ? 'payload.liveAgentHandoff.metadata' : 'payload.liveAgentHandoff' };
  }
  const tag = request.fulfillmentInfo?.tag;
  return tag && HANDOFF_TAGS.has(tag.toLowerCase()) ? { metadata: {}, at: 'payload' } : undefined;
}

/** The query that triggered the handoff: the only customer words Dialogflow itself sends. */
function currentQuery(request: Request, now: string): Turn[] {
  const text = request.text ?? request.transcript;
  if (!text?.trim()) return [];
  return [{ id: boundedId(`q-${request.detectIntentResponseId ?? 'current'}`), at: now, author: 'customer', text: clipTurn(text) }];
}

/** What the agent (bot) said in this turn, in order: Dialogflow's text and spoken responses. */
function botMessages(request: Request, now: string): Turn[] {
  const id = request.detectIntentResponseId ?? 'current';
  return (request.messages ?? []).flatMap((message, index) => {
    const text = (message.text?.text ?? [message.outputAudioText?.text ?? '']).filter((part) => part.trim()).join('\n');
    return text ? [{ id: boundedId(`m-${id}-${index}`), at: now, author: 'bot' as const, text: clipTurn(text) }] : [];
  });
}

/** A kept transcript that already holds this turn's words is not given them twice. */
function withoutRepeats(kept: Turn[], current: Turn[]): Turn[] {
  const seen = new Set(kept.map((turn) => `${turn.author}:${turn.text}`));
  return [...kept, ...current.filter((turn) => !seen.has(`${turn.author}:${turn.text}`))];
}

/** Person parameters by any spelling a flow designer uses: `caller-name`, `full_name`, `name.original`. */
const PERSON_KEYS = ['callername', 'customername', 'fullname', 'name', 'person', 'givenname', 'username'];

function personName(parameters: Record<string, unknown>): string | undefined {
  const byKey = new Map<string, unknown>();
  // The resolved parameter wins over its `.original` text; the first spelling seen of a key wins.
  for (const [key, value] of Object.entries(parameters).sort(([a], [b]) => Number(a.endsWith('.original')) - Number(b.endsWith('.original')))) {
    const normal = key.toLowerCase().replace(/\.original$/, '').replace(/[-_.\s]/g, '');
    if (!byKey.has(normal) && displayValue(value) !== undefined) byKey.set(normal, value);
  }
  const found = PERSON_KEYS.map((key) => displayValue(byKey.get(key))).find((value) => value !== undefined);
  return found ? clipShort(found) : undefined;
}

function keptTurns(raw: unknown, source: 'metadata' | 'payload', handoffAt: string, now: string): Turn[] | { problems: FieldProblem[] } {
  const at = source === 'metadata' ? `${handoffAt}.transcript` : 'payload.transcript';
  const parsed = parseWith(keptTranscript, raw);
  if (!parsed.ok) return { problems: prefixed(parsed.problems, at) };
  const turns: Turn[] = [];
  const problems: FieldProblem[] = [];
  let lastTime = now;
  parsed.value.forEach((turn, index) => {
    const word = turn.author ?? turn.role ?? 'customer';
    const author = authorFrom(word);
    if (!author) problems.push({ path: `${at}[${index}].author`, message: `unknown author "${clipShort(word)}"` });
    lastTime = toIsoTime(turn.at ?? turn.timestamp, lastTime);
    turns.push({ id: boundedId(turn.id ?? `k${index}`), at: lastTime, author: author ?? 'customer', text: clipTurn(turn.text) });
  });
  return problems.length ? { problems } : turns;
}

/** `projects/p/locations/l/agents/<agent>/sessions/s` names the agent, which is the bot. */
const agentName = (session: string | undefined): string | undefined => optionalShort(/\/agents\/([^/]+)\//.exec(session ?? '')?.[1]);

/** Session parameters are what the bot collected; metadata adds only keys the parameters lack. */
function mergeFields(first: Field[], second: Field[]): Field[] {
  const keys = new Set(first.map((field) => field.key));
  return [...first, ...second.filter((field) => !keys.has(field.key))];
}

export const dialogflowCxAdapter: Adapter = statelessAdapter('dialogflow-cx', translate);
