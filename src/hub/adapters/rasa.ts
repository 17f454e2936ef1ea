import { z } from 'zod';
import type { Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { readHandoffContext } from './context';
import { customerHints, fieldsFrom } from './fields';
import { finish, invalid } from './finish';
import { boundedId, channelFrom, clipShort, clipTurn, customerName, stableId, toIsoTime } from './normalize';
import { isRecord, optionalShort, prefixed } from './shape';
import type { Adapter, AdapterContext, AdapterOutcome } from './types';

/**
 * Rasa: the conversation tracker (`GET /conversations/{id}/tracker`) that a handoff action posts,
 * alone or as `{ tracker, ...context }` when the action adds its own reason or summary.
 */

const intent = z.looseObject({ name: z.string().nullish(), confidence: z.number().nullish() });
const event = z.looseObject({
  event: z.string(),
  timestamp: z.number().nullish(),
  text: z.string().nullish(),
  message_id: z.string().nullish(),
  input_channel: z.string().nullish(),
  parse_data: z.looseObject({ intent: intent.nullish() }).nullish(),
  data: z.looseObject({ custom: z.unknown() }).nullish(),
});
const trackerSchema = z.looseObject({
  sender_id: z.string().min(1),
  slots: z.record(z.string(), z.unknown()).nullish(),
  latest_message: z.looseObject({ intent: intent.nullish(), text: z.string().nullish() }).nullish(),
  latest_input_channel: z.string().nullish(),
  latest_event_time: z.number().nullish(),
  events: z.array(event).nullish(),
});

type RasaEvent = z.infer<typeof event>;

/** Slots Rasa keeps for its own bookkeeping, not values the customer gave. */
const BOOKKEEPING_SLOTS = new Set(['requested_slot', 'session_started_metadata', 'session_start_metadata']);

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  const isWrapped = isRecord(payload) && isRecord(payload.tracker);
  const parsed = parseWith(trackerSchema, isWrapped ? payload.tracker : payload);
  if (!parsed.ok) return invalid(prefixed(parsed.problems, isWrapped ? 'tracker' : ''));
  const tracker = parsed.value;
  const extras = isWrapped ? Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'tracker')) : {};
  const events = tracker.events ?? [];
  const fallbackTime = toIsoTime(tracker.latest_event_time, ctx.now().toISOString());
  const transcript = toTurns(events, fallbackTime);
  const slots = tracker.slots ?? {};
  const context = readHandoffContext(extras);
  const fromSlots = customerHints(slots);
  const userEvents = events.filter((e) => e.event === 'user').length;
  const channel = tracker.latest_input_channel ?? events.findLast((e) => e.event === 'user' && e.input_channel)?.input_channel;

  return finish({
    v: 1,
    id: stableId('rasa', tracker.sender_id, `u${userEvents}`),
    source: { platform: 'rasa', conversationId: clipShort(tracker.sender_id) },
    customer: {
      id: boundedId(tracker.sender_id),
      name: customerName(context.customer.name ?? fromSlots.name, tracker.sender_id),
      email: optionalShort(context.customer.email ?? fromSlots.email),
      phone: optionalShort(context.customer.phone ?? fromSlots.phone),
    },
    issue: { ...context.issue, intent: context.issue.intent ?? optionalShort(tracker.latest_message?.intent?.name ?? undefined) },
    reason: context.reason,
    summary: context.summary,
    fields: [...fieldsFrom(slots, BOOKKEEPING_SLOTS), ...context.fields],
    transcript,
    routing: { ...context.routing, queue: context.routing.queue ?? handoffTarget(events), channel: channelFrom(channel ?? undefined) },
  });
}

function toTurns(events: RasaEvent[], fallbackTime: string): Turn[] {
  const turns: Turn[] = [];
  let lastTime = fallbackTime;
  events.forEach((e, index) => {
    if ((e.event !== 'user' && e.event !== 'bot') || !e.text) return;
    lastTime = toIsoTime(e.timestamp, lastTime);
    turns.push({
      id: boundedId(e.message_id ? `${e.event}-${e.message_id}` : `e${index}`),
      at: lastTime,
      author: e.event === 'user' ? 'customer' : 'bot',
      text: clipTurn(e.text),
    });
  });
  return turns;
}

/** The Rasa Chatroom handoff: a bot message whose custom JSON names the `handoff_host` and its `title`. */
function handoffTarget(events: RasaEvent[]): string | undefined {
  const custom = events.findLast((e) => e.event === 'bot' && isRecord(e.data?.custom) && 'handoff_host' in e.data.custom)?.data?.custom;
  return isRecord(custom) && typeof custom.title === 'string' ? optionalShort(custom.title) : undefined;
}

export const rasaAdapter: Adapter = { platform: 'rasa', translate };
