import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorCode } from '../../shared/errors';
import type { FieldProblem } from '../../shared/validation';
import { ServiceError } from '../services/conversation-kernel';
import { StoreUnavailableError } from '../store/sql/sql';

/** What a client does when the store is away: it retries, and nothing of the request was applied. */
const STORE_RETRY_AFTER_S = 2;

/** The one place an error code meets HTTP: every code's status, checked complete by the compiler. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_content_length: 400,
  invalid_envelope: 400,
  invalid_payload: 400,
  invalid_period: 400,
  invalid_rating: 400,
  invalid_callback_url: 400,
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  host_not_allowed: 421,
  not_found: 404,
  no_such_queue: 404,
  no_such_agent: 404,
  not_built: 404,
  not_offered_to_you: 409,
  not_yours: 409,
  invalid_state: 409,
  no_agent: 409,
  conversation_closed: 409,
  human_owns: 409,
  not_joined: 409,
  not_resolved: 409,
  already_rated: 409,
  already_answered: 409,
  agent_full: 409,
  agent_away: 409,
  agent_offline: 409,
  unknown_reference: 400,
  invalid_channel_settings: 400,
  invalid_csv: 400,
  invalid_code: 400,
  duplicate_email: 409,
  duplicate_queue: 409,
  duplicate_integration: 409,
  last_admin: 409,
  cannot_deactivate_self: 409,
  deactivated: 409,
  revoked: 409,
  skill_in_use: 409,
  queue_has_live_chats: 409,
  queue_in_use: 409,
  password_sign_in_off: 403,
  provider_not_configured: 404,
  provider_unreachable: 502,
  provider_refused: 401,
  email_not_verified: 403,
  rate_limited: 429,
  internal: 500,
  platform_unreachable: 502,
  store_unavailable: 503,
};

export const httpStatusOf = (code: ErrorCode): number => HTTP_STATUS[code];

export const errorBody = (code: ErrorCode, message: string, details?: FieldProblem[]) => ({ error: { code, message, ...(details ? { details } : {}) } });

export const sendError = (reply: FastifyReply, code: ErrorCode, message: string, details?: FieldProblem[]) =>
  reply.code(HTTP_STATUS[code]).send(errorBody(code, message, details));

const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The body is larger than this endpoint accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_content_length', message: 'Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The body is empty; send a JSON document.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The body is not valid JSON.' },
};

/** One error shape for every non-2xx answer: `{ error: { code, message, details? } }`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error instanceof ServiceError) return sendError(reply, error.code, error.message);
    // Never a 2xx the hub cannot keep: the write did not commit, and a retry after this is safe.
    if (error instanceof StoreUnavailableError) {
      request.log.warn({ err: error.cause }, 'store unavailable');
      reply.header('retry-after', String(STORE_RETRY_AFTER_S));
      return sendError(reply, 'store_unavailable', error.message);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendError(reply, known.code, known.message);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendError(reply, 'invalid_json', 'The body is not valid JSON.');
    }
    // Another 4xx of Fastify's own (405, 406…): its status stands, with the catalogue's generic code.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal', 'Something went wrong in the hub; the request was not applied.');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'not_found', 'No such route.'));
}
