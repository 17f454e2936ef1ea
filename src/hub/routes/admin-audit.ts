import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { retentionSchema } from '../../shared/admin';
import { auditCsv, auditCsvFileName } from '../../shared/admin-csv';
import { adminRouter, bodyOf } from '../admin/admin-router';
import type { Administration } from '../admin/administration';
import { AdminProblem } from '../admin/problem';
import type { HubContext } from '../context';

const pageQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});

async function collect<T>(entries: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

/** `/v1/admin/audit` (newest first, or the whole log as CSV) and `/v1/admin/retention`. */
export function registerAdminAuditRoutes(app: FastifyInstance, context: HubContext, admin: Administration): void {
  const route = adminRouter(app, context);

  route('GET', '/v1/admin/audit', async (request, reply) => {
    const query = pageQuery.safeParse(request.query);
    if (!query.success) throw new AdminProblem('invalid_request', 'Use ?before=<seq>&limit=1..500&format=json|csv.');
    if (query.data.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${auditCsvFileName(context.now())}"`)
        .send(auditCsv(await collect(admin.audit.all())));
    }
    const entries = await admin.audit.page(query.data.before ?? Number.MAX_SAFE_INTEGER, query.data.limit);
    const last = entries.at(-1);
    return { entries, nextBefore: entries.length === query.data.limit && last ? last.seq : null };
  });

  route('GET', '/v1/admin/retention', async () => ({ retention: await admin.settings.retention() }));
  route('PUT', '/v1/admin/retention', async (request, _reply, actor) => {
    const retention = bodyOf(retentionSchema, request, 'Send { hubDays: days | null, desktopCacheDays }');
    return {
      retention: await admin.change(actor, 'retention.updated', { kind: 'settings', id: 'retention' }, async () => {
        const before = await admin.settings.retention();
        await admin.settings.setRetention(retention);
        return { result: retention, before, after: retention };
      }),
    };
  });
}
