/**
 * Every error code the hub answers with, declared once (as Fastify's lib/errors.js does), so that
 * clients can switch on them and nobody invents a near-twin. Services throw a code; the route edge
 * (src/hub/routes/errors.ts) maps each code to its HTTP status, so no service knows HTTP.
 */
export const ERROR_CODES = [
  // The request itself is wrong: fix it before sending it again.
  'invalid_request',
  'invalid_json',
  'invalid_content_length',
  'invalid_envelope',
  'invalid_payload',
  'invalid_period',
  'invalid_rating',
  'invalid_callback_url',
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  // Who is asking.
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  // The Host header names none of this hub's names (DNS rebinding): 421 Misdirected Request.
  'host_not_allowed',
  // What is asked for is not there (or not visible to this caller).
  'not_found',
  'no_such_queue',
  'no_such_agent',
  'not_built',
  // The lifecycle refuses the change in the conversation's present state.
  'not_offered_to_you',
  'not_yours',
  'invalid_state',
  'no_agent',
  'conversation_closed',
  'human_owns',
  'not_joined',
  'not_resolved',
  'already_rated',
  'already_answered',
  'agent_full',
  'agent_away',
  'agent_offline',
  // Administration refuses a change (the admin API, one-time password codes).
  'unknown_reference',
  'invalid_channel_settings',
  'invalid_csv',
  'invalid_code',
  'duplicate_email',
  'duplicate_queue',
  'duplicate_integration',
  'last_admin',
  'cannot_deactivate_self',
  'deactivated',
  'revoked',
  'skill_in_use',
  'queue_has_live_chats',
  'queue_in_use',
  // Sign-in with the company's identity provider, and password sign-in switched off.
  'password_sign_in_off',
  'provider_not_configured',
  'provider_unreachable',
  'provider_refused',
  'email_not_verified',
  // Slow down, or the hub failed.
  'rate_limited',
  'internal',
  // A platform the hub has to ask before it can apply the request did not answer.
  'platform_unreachable',
  // The hub's own database cannot be reached right now (PostgreSQL down or restarting): retry shortly.
  'store_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
