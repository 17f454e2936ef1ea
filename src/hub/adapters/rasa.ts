import { z } from 'zod';
import type { Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { readHandoffContext } from './context';
import { customerHints, fieldsFrom } from './fields';
import { finish, ignored, invalid } from './finish';
import { boundedId, channelFrom, clipShort, clipTurn, customerName, describeValue, stableId, toIsoTime } from './normalize';
import { fromChannelMessage, isChannelMessage } from './rasa-channel';
import { classify, isHandoffAction, trackerHandsOff, trackerSchema, type RasaEvent } from './rasa-request';
import { isRecord, prefixed } from './shape';
import { statelessAdapter, type Adapter, type AdapterContext, type AdapterOutcome } from './types';

/**
 * Rasa: the custom action call Rasa makes to its action endpoint (the hub can be that endpoint),
 * or a tracker the integrator's own action posts, alone or as `{ tracker, ...context }`. Only a
 * handoff action or a tracker that shows a handoff is one; anything else is answered 2xx and
 * creates nothing. After it, the customer's messages from the integrator's Rasa channel
 * connector (rasa-channel.ts). Where each shape comes from: see rasa-request.ts.
 */

/** Slots Rasa keeps for its own bookkeeping, not values the customer gave. */
const BOOKKEEPING_SLOTS = new Set(['requested_slot', 'session_started_metadata', 'session_start_metadata']);

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  if (isChannelMessage(payload)) return fromChannelMessage(payload, ctx);
  const request = classify(payload);
  if (request.action !== undefined) {
    const action = parseWith(z.string().min(1), request.action);
    if (!action.ok) return invalid(prefixed(action.problems, 'next_action'));
    if (!isHandoffAction(action.value)) return ignored(`the action "${describeValue(action.value)}" is not a handoff action`);
  }
  const parsed = parseWith(trackerSchema, request.tracker);
  if (!parsed.ok) return invalid(prefixed(parsed.problems, request.trackerPath));
  const tracker = parsed.value;
  if (request.action === undefined && !trackerHandsOff(tracker)) {
    return ignored('the tracker shows no handoff (no pause after the last user message, no handoff action, no Chatroom handoff)');
  }

  const events = tracker.events ?? [];
  const fallbackTime = toIsoTime(tracker.latest_event_time, ctx.now().toISOString());
  const transcript = toTurns(events, fallbackTime);
  const slots = tracker.slots ?? {};
  const context = readHandoffContext(request.context);
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
      email: optional(context.customer.email ?? fromSlots.email),
      phone: optional(context.customer.phone ?? fromSlots.phone),
    },
    issue: { ...context.issue, intent: context.issue.intent ?? optional(tracker.latest_message?.intent?.name ?? undefined) },
    reason: context.reason,
    summary: context.summary,
    fields: [...fieldsFrom(slots, BOOKKEEPING_SLOTS), ...context.fields],
    transcript,
    routing: { ...context.routing, queue: context.routing.queue ?? handoffTarget(events), channel: channelFrom(channel ?? undefined) },
  });
}

const optional = (value: string | undefined): string | undefined => (value?.trim() ? clipShort(value.trim()) : undefined);

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
  return isRecord(custom) && typeof custom.title === 'string' ? optional(custom.title) : undefined;
}

export const rasaAdapter: Adapter = statelessAdapter('rasa', translate);
