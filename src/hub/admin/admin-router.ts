import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import { parseWith } from '../../shared/validation';
import { requireUser, type HubContext } from '../context';
import type { Account } from '../store/accounts';
import { sendError } from '../routes/errors';
import { AdminProblem } from './problem';

export interface AdminRoute {
  method: HTTPMethods;
  url: string;
}

type AdminHandler = (request: FastifyRequest, reply: FastifyReply, admin: Account) => unknown;

// Every admin route a hub registered, so the role-matrix test walks them all rather than a copy.
const registered = new WeakMap<FastifyInstance, AdminRoute[]>();
export const adminRoutesOf = (app: FastifyInstance): readonly AdminRoute[] => registered.get(app) ?? [];

/**
 * Registers admin routes: a signed-in admin or a 401/403 before anything is read, and an
 * AdminProblem becomes its coded answer. Agents, supervisors, wallboards and bot tokens get no further.
 */
export function adminRouter(app: FastifyInstance, context: HubContext) {
  const routes = registered.get(app) ?? [];
  registered.set(app, routes);
  return function route(method: HTTPMethods, url: string, handler: AdminHandler): void {
    routes.push({ method, url });
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        const user = await requireUser(context, request, reply);
        if (!user) return reply;
        if (user.role !== 'admin') return sendError(reply, 'forbidden', 'Administration is for admins.');
        try {
          return await handler(request, reply, user);
        } catch (error) {
          if (error instanceof AdminProblem) return sendError(reply, error.code, error.message, error.details);
          throw error;
        }
      },
    });
  };
}

/** The request body read with a schema, or a 400 naming every field at fault. */
export function bodyOf<S extends z.ZodType>(schema: S, request: FastifyRequest, hint: string): z.infer<S> {
  // A POST without a body reads as {}: a schema of optional fields then takes its defaults.
  const parsed = parseWith(schema, request.body ?? {});
  if (!parsed.ok) throw new AdminProblem('invalid_request', `${hint}: ${parsed.problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}.`, parsed.problems);
  return parsed.value;
}

export const idParam = (request: FastifyRequest): string => (request.params as { id: string }).id;
