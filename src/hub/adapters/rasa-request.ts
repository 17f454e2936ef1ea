import { z } from 'zod';
import { isRecord } from './shape';

/**
 * What Rasa posts, and how the hub tells a handoff from anything else. Shapes:
 * - the custom action call: RasaHQ/rasa `rasa/core/actions/action.py` (`RemoteAction.
 *   _action_call_format`: `{ next_action, sender_id, tracker, domain, version }`; the answer is
 *   `{ events, responses }`, validated by `action_response_format_spec`, which requires neither);
 * - the tracker: `rasa/shared/core/trackers.py` (`current_state`: `sender_id`, `slots`,
 *   `latest_message`, `latest_action_name`, `paused`, `events`) and the events of
 *   `rasa/shared/core/events.py` (`user`, `bot`, `action`, `pause`), as in
 *   `data/test_trackers/tracker_moodbot.json`;
 * - the Chatroom handoff message: RasaHQ/financial-demo README (`handoff_host`, `title`).
 */

const intent = z.looseObject({ name: z.string().nullish(), confidence: z.number().nullish() });
export const rasaEvent = z.looseObject({
  event: z.string(),
  timestamp: z.number().nullish(),
  name: z.string().nullish(),
  text: z.string().nullish(),
  message_id: z.string().nullish(),
  input_channel: z.string().nullish(),
  parse_data: z.looseObject({ intent: intent.nullish() }).nullish(),
  data: z.looseObject({ custom: z.unknown() }).nullish(),
});
export const trackerSchema = z.looseObject({
  sender_id: z.string().min(1),
  slots: z.record(z.string(), z.unknown()).nullish(),
  latest_message: z.looseObject({ intent: intent.nullish(), text: z.string().nullish() }).nullish(),
  latest_input_channel: z.string().nullish(),
  latest_action_name: z.string().nullish(),
  latest_event_time: z.number().nullish(),
  paused: z.boolean().nullish(),
  events: z.array(rasaEvent).nullish(),
});

export type RasaEvent = z.infer<typeof rasaEvent>;
export type Tracker = z.infer<typeof trackerSchema>;

/** Keys of Rasa's action call that are Rasa's bookkeeping, never something the customer gave. */
export const ACTION_CALL_KEYS = new Set(['next_action', 'sender_id', 'tracker', 'domain', 'version']);

/**
 * A custom action hands off when its name says so (`action_handoff`, `action_human_handoff`,
 * `action_handoff_to_live_agent`, `action_talk_to_human`…); the README documents the rule.
 */
export const isHandoffAction = (name: string | null | undefined): boolean =>
  typeof name === 'string' && /(^|_)(handoff|hand_off|human|live_agent|escalate)(_|$)/i.test(name);

/**
 * The tracker, its handoff context (any key beside Rasa's own) and the action Rasa (or the
 * integrator's own action, forwarding the same shape) asks to run, when there is one.
 */
export interface RasaRequest {
  tracker: unknown;
  trackerPath: string;
  context: Record<string, unknown>;
  action?: unknown;
}

export function classify(payload: unknown): RasaRequest {
  if (!isRecord(payload) || !('tracker' in payload || 'next_action' in payload)) return { tracker: payload, trackerPath: '', context: {} };
  const context = Object.fromEntries(Object.entries(payload).filter(([key]) => !ACTION_CALL_KEYS.has(key)));
  return { tracker: payload.tracker, trackerPath: 'tracker', context, ...('next_action' in payload ? { action: payload.next_action } : {}) };
}

/**
 * A tracker shows a handoff when the bot paused the conversation after the customer's last
 * message (`ConversationPaused`, Rasa's own handoff), its latest action was a handoff action, or
 * its last bot message is the Chatroom handoff.
 */
export function trackerHandsOff(tracker: Tracker): boolean {
  const events = tracker.events ?? [];
  const lastUser = events.findLastIndex((e) => e.event === 'user');
  if (events.slice(lastUser + 1).some((e) => e.event === 'pause')) return true;
  const lastAction = tracker.latest_action_name ?? events.findLast((e) => e.event === 'action')?.name;
  if (isHandoffAction(lastAction)) return true;
  const lastBot = events.findLast((e) => e.event === 'bot');
  return isRecord(lastBot?.data?.custom) && 'handoff_host' in lastBot.data.custom;
}
