import type { FastifyInstance } from 'fastify';
import { setPasswordSchema } from '../../shared/admin';
import { parseWith } from '../../shared/validation';
import { SET_PASSWORD_CSP, SET_PASSWORD_CSS, SET_PASSWORD_HTML, SET_PASSWORD_JS } from '../admin/set-password-page';
import { hashPassword } from '../auth/passwords';
import type { PasswordCodes } from '../services/password-codes';
import { sendError } from './errors';

/**
 * Turning a one-time code into a password: the code is the credential, so the route is open, and a
 * code works once. Setting a password ends the person's other sessions.
 */
export function registerPasswordCodeRoutes(app: FastifyInstance, codes: PasswordCodes): void {

  app.get('/set-password', async (_request, reply) =>
    reply.header('content-security-policy', SET_PASSWORD_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(SET_PASSWORD_HTML),
  );
  app.get('/set-password/page.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(SET_PASSWORD_JS));
  app.get('/set-password/page.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(SET_PASSWORD_CSS));

  app.post('/v1/password', async (request, reply) => {
    const parsed = parseWith(setPasswordSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "code", "password" } (a password of at least 10 characters).', parsed.problems);
    // Hashed before the code is taken, so a code is never spent on a request that then fails.
    const hash = await hashPassword(parsed.value.password);
    const code = parsed.value.code.toUpperCase();
    if (!(await codes.redeem(code, hash))) return sendError(reply, 'invalid_code', 'This code is unknown, used or expired: ask an admin for a new one.');
    return reply.code(204).send();
  });
}
