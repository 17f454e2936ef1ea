import { importRequestSchema, personInputSchema, personPatchSchema } from '../../shared/admin';
import { adminRouter, bodyOf, idParam } from '../admin/admin-router';
import type { Administration } from '../admin/administration';
import { planImport } from '../admin/people-import';
import { createPeople } from '../admin/people';
import { setPasswordPath } from '../admin/password-codes';
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context';
import { errorBody, httpStatusOf } from './errors';

/** `/v1/admin/people`: who works in the hub, what they can take, and their access. */
export function registerAdminPeopleRoutes(app: FastifyInstance, context: HubContext, admin: Administration): void {
  const route = adminRouter(app, context);
  const people = createPeople(admin);
  const withLink = <T extends { code: string }>(code: T) => ({ ...code, path: setPasswordPath(code.code) });

  route('GET', '/v1/admin/people', async () => ({ people: await people.list() }));
  route('POST', '/v1/admin/people', async (request, reply, actor) => {
    const { person, passwordCode } = await people.add(actor, bodyOf(personInputSchema, request, 'Send { email, name, role, capacity?, skills?, languages?, queues? }'));
    return reply.code(201).send({ person, passwordCode: withLink(passwordCode) });
  });
  route('PATCH', '/v1/admin/people/:id', async (request, _reply, actor) =>
    ({ person: await people.update(actor, idParam(request), bodyOf(personPatchSchema, request, 'Send the fields to change')) }));
  route('POST', '/v1/admin/people/:id/deactivate', async (request, _reply, actor) => ({ person: await people.deactivate(actor, idParam(request)) }));
  route('POST', '/v1/admin/people/:id/reactivate', async (request, _reply, actor) => {
    const { person, passwordCode } = await people.reactivate(actor, idParam(request));
    return { person, passwordCode: withLink(passwordCode) };
  });
  route('POST', '/v1/admin/people/:id/password-code', async (request, _reply, actor) =>
    ({ passwordCode: withLink(await people.resetPassword(actor, idParam(request))) }));
  route('POST', '/v1/admin/people/import', async (request, reply, actor) => {
    const { csv, apply } = bodyOf(importRequestSchema, request, 'Send { csv, apply? }');
    const plan = await planImport(admin, csv);
    if (!apply) return { ...plan.preview, isApplied: false };
    if (plan.preview.problems.length > 0) {
      const details = plan.preview.problems.map((problem) => ({ path: `line ${problem.line}`, message: problem.message }));
      return reply.code(httpStatusOf('invalid_csv')).send({
        ...errorBody('invalid_csv', `Nothing was imported: ${plan.preview.problems.length} row(s) have problems.`, details),
        ...plan.preview,
        isApplied: false,
      });
    }
    const codes = await plan.apply(actor, people);
    return { ...plan.preview, isApplied: true, passwordCodes: codes.map((entry) => ({ ...entry, passwordCode: withLink(entry.passwordCode) })) };
  });
}
