import type { FastifyInstance } from 'fastify';
import { signInSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { verifyPassword } from '../auth/passwords';
import { newToken } from '../auth/tokens';
import { bearerToken } from '../auth/access';
import type { HubContext } from '../context';
import { publicUser } from '../store/accounts';
import { sendError } from './errors';

export function registerSessionRoutes(app: FastifyInstance, context: HubContext): void {
  app.post('/v1/sessions', async (request, reply) => {
    const parsed = parseWith(signInSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "email", "password" }.', parsed.problems);
    const account = context.accounts.userByEmail(parsed.value.email);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const valid = await verifyPassword(parsed.value.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !valid) return sendError(reply, 'invalid_credentials', 'Wrong email or password.');
    const token = newToken();
    const now = context.now();
    context.accounts.createSession(token, account.id, now, context.sessionTtlMs);
    return reply.code(201).send({
      token,
      user: publicUser(account),
      expiresAt: new Date(now.getTime() + context.sessionTtlMs).toISOString(),
    });
  });

  app.delete('/v1/sessions', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token) context.accounts.endSession(token);
    return reply.code(204).send();
  });
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
