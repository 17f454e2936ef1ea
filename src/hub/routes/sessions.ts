import type { FastifyInstance, FastifyReply } from 'fastify';
import { signInSchema } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { createLoginGate, DEFAULT_LOGIN_GATE, type LoginGateOptions, type LoginRefusal } from '../auth/login-gate';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { newToken } from '../auth/tokens';
import { bearerToken } from '../auth/access';
import type { ProviderSignIn } from '../auth/oidc-sign-in';
import { createSignInLockout, type SignInLock } from '../auth/sign-in-lockout';
import type { HubContext } from '../context';
import { publicUser, type Account } from '../store/accounts';
import { sendError } from './errors';

/** A new session for someone who has proved who they are (a password, or the identity provider). */
export async function issueSession(context: HubContext, account: Account) {
  const token = newToken();
  const now = context.now();
  await context.accounts.createSession(token, account.id, now, context.sessionTtlMs);
  return { token, user: publicUser(account), expiresAt: new Date(now.getTime() + context.sessionTtlMs).toISOString() };
}

function refuse(reply: FastifyReply, refusal: LoginRefusal | SignInLock) {
  const seconds = Math.ceil(refusal.retryAfterMs / 1000);
  reply.header('retry-after', String(seconds));
  return sendError(reply, 'rate_limited', refusal.kind === 'locked' ? `Too many wrong sign-ins: try again in ${seconds} s.` : 'Too many sign-ins at once: try again in a second.');
}

export function registerSessionRoutes(
  app: FastifyInstance,
  context: HubContext,
  provider: Pick<ProviderSignIn, 'isPasswordAllowed' | 'options'>,
  gateOptions: LoginGateOptions = DEFAULT_LOGIN_GATE,
): void {
  const gate = createLoginGate(gateOptions);
  const lockout = createSignInLockout(context.counters, () => context.now().getTime());

  app.post('/v1/sessions', async (request, reply) => {
    const parsed = parseWith(signInSchema, request.body);
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send { "email", "password" }.', parsed.problems);
    const { email, password } = parsed.value;
    // Admitted and counted in this replica's burst gate in one step, before the first await; then
    // refused before any hashing while the floor holds the account or address locked.
    const admission = gate.admit(request.ip);
    if (!admission.attempt) return refuse(reply, admission.refusal);
    const { attempt } = admission;
    try {
      const lock = await lockout.lock(email, request.ip);
      if (lock) return refuse(reply, lock);
      const account = await context.accounts.userByEmail(email);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
      const valid = await attempt.check(() => verifyPassword(password, account?.passwordHash ?? dummyHash()));
      if (!account || !valid) {
        await lockout.failed(email, request.ip);
        return sendError(reply, 'invalid_credentials', 'Wrong email or password.');
      }
      await lockout.succeeded(email);
      // Checked after the password, so the answer tells nothing to someone who does not know it.
      if (!(await provider.isPasswordAllowed(account))) {
        const name = (await provider.options()).provider?.name ?? 'your identity provider';
        return sendError(reply, 'password_sign_in_off', `Password sign-in is switched off on this hub: use "Sign in with ${name}".`);
      }
      if (needsRehash(account.passwordHash)) {
        await context.accounts.setPasswordHash(account.id, await attempt.check(() => hashPassword(password)));
      }
      return reply.code(201).send(await issueSession(context, account));
    } finally {
      attempt.done();
    }
  });

  app.delete('/v1/sessions', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token) await context.accounts.endSession(token);
    return reply.code(204).send();
  });
}
