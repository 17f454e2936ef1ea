import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { metricsCsvFileName, metricsTableCsv } from '../../shared/metrics-csv';
import { drillDownQuerySchema, handoffQualityQuerySchema } from '../../shared/metrics';
import type { HubEvent } from '../../shared/protocol';
import { parseWith } from '../../shared/validation';
import { wallboardQualityOf } from '../../shared/wallboard-quality';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import { buildJourney } from '../metrics/journey';
import type { MetricsReaders } from '../metrics/metrics-readers';
import { dimensionsOf, periodOf } from '../metrics/period';
import { publicUser, type Account } from '../store/accounts';
import type { RateFigures, RepeatInformationRate } from '../store/repeat-asks';
import { sendError } from './errors';

const DEFAULT_PERIOD_MS = 7 * 24 * 3600_000;

const instant = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be a date or date and time (ISO 8601)');

const periodQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/**
 * Quality metrics for supervisors and admins, over their own queues only (a wallboard reads the
 * aggregate summary of its queues). Periods are [from, to),
 * by default the seven days up to now.
 */
export function registerMetricsRoutes(app: FastifyInstance, context: HubContext, readers: MetricsReaders): void {
  const { repeatAsks, quality, journeyEvents } = readers;

  const supervisorOnly = async (request: FastifyRequest, reply: FastifyReply): Promise<Account | null> => {
    const user = await requireUser(context, request, reply);
    if (!user) return null;
    if (user.role === 'supervisor' || user.role === 'admin') return user;
    void sendError(reply, 'forbidden', 'Quality metrics are for supervisors and admins.');
    return null;
  };

  // Supervisors and admins, or a wallboard, which gets only the aggregate summary (see below).
  const summaryReader = async (request: FastifyRequest, reply: FastifyReply): Promise<Account | null> => {
    const user = await requireUser(context, request, reply);
    if (!user) return null;
    if (user.role === 'supervisor' || user.role === 'admin' || user.role === 'wallboard') return user;
    void sendError(reply, 'forbidden', 'Quality metrics are for supervisors and admins.');
    return null;
  };

  app.get('/v1/metrics/handoff-quality', async (request, reply) => {
    const user = await summaryReader(request, reply);
    if (!user) return reply;
    const isWallboard = user.role === 'wallboard';
    const parsed = parseWith(handoffQualityQuerySchema, request.query ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send ?from=&to= as ISO dates, optionally queue, intent, agent, channel, format=csv and table.', parsed.problems);
    const period = periodOf(parsed.value, context.now());
    if (!period.ok) return sendError(reply, 'invalid_period', period.message);
    const report = await quality.report({ from: period.from, to: period.to, queues: user.queues, filter: dimensionsOf(parsed.value) });
    // A wall screen gets the aggregate summary of its queues and nothing it could drill into.
    const wantsCsv = parsed.value.format === 'csv' || (parsed.value.format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
    if (isWallboard && wantsCsv) return sendError(reply, 'forbidden', 'A wallboard reads the summary only; tables are for supervisors.');
    if (isWallboard) return wallboardQualityOf(report);
    if (!wantsCsv) return report;
    const table = parsed.value.table ?? 'summary';
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${metricsCsvFileName(report, table)}"`)
      .send(metricsTableCsv(report, table));
  });

  app.get('/v1/metrics/conversations', async (request, reply) => {
    const user = await supervisorOnly(request, reply);
    if (!user) return reply;
    const parsed = parseWith(drillDownQuerySchema, request.query ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send ?figure= and the same period and filters as the report.', parsed.problems);
    const period = periodOf(parsed.value, context.now());
    if (!period.ok) return sendError(reply, 'invalid_period', period.message);
    return quality.drillDown({ from: period.from, to: period.to, queues: user.queues, filter: dimensionsOf(parsed.value) }, parsed.value.figure);
  });

  app.get<{ Params: { id: string } }>('/v1/conversations/:id/journey', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const record = await context.conversations.get(request.params.id);
    // Not found and not allowed answer alike, so ids cannot be probed.
    if (!record || !canRead(publicUser(user), record)) {
      return sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');
    }
    const [view, events] = await Promise.all([context.conversations.view(record), journeyEvents(record.id)]);
    const names = await agentNames(context, events);
    return buildJourney(view, events, (agentId) => names.get(agentId) ?? null);
  });

  app.get('/v1/metrics/repeat-information', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      return sendError(reply, 'forbidden', 'Quality metrics are for supervisors and admins.');
    }
    const parsed = parseWith(periodQuerySchema, request.query ?? {});
    if (!parsed.ok) return sendError(reply, 'invalid_request', 'Send ?from=&to= as ISO dates, and optionally format=csv.', parsed.problems);
    const to = parsed.value.to ? new Date(parsed.value.to) : context.now();
    const from = parsed.value.from ? new Date(parsed.value.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
    if (from.getTime() >= to.getTime()) return sendError(reply, 'invalid_period', '`from` must be before `to`.');

    const rate = await repeatAsks.rate({ from: from.toISOString(), to: to.toISOString(), queues: user.queues });
    if (parsed.value.format !== 'csv') return rate;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="repeat-information.csv"')
      .send(toCsv(rate));
  });
}

/** The names of the agents a journey's offers name, read before the (synchronous) timeline is built. */
async function agentNames(context: HubContext, events: readonly HubEvent[]): Promise<Map<string, string | null>> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === 'conversation:offered') ids.add(event.offer.agentId);
    if (event.type === 'offer:ended') ids.add(event.agentId);
  }
  return new Map(await Promise.all([...ids].map(async (id) => [id, (await context.accounts.userById(id))?.name ?? null] as const)));
}

/** One row for the whole period, then one per agent and one per bot intent. */
export function toCsv(rate: RepeatInformationRate): string {
  const row = (scope: string, key: string, label: string, figures: RateFigures) =>
    [scope, key, label, String(figures.conversations), String(figures.withRepeatAsk), figures.rate === null ? '' : figures.rate.toFixed(4)]
      .map(csvCell)
      .join(',');
  const lines = [
    'scope,key,label,conversations,with_repeat_ask,rate',
    row('all', '', `${rate.from} to ${rate.to}`, rate),
    ...rate.byAgent.map((agent) => row('agent', agent.agentId, agent.agentName ?? '', agent)),
    ...rate.byIntent.map((intent) => row('intent', intent.intent, intent.intent || '(no intent)', intent)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

// Intents and names come from bots and admins; a spreadsheet must not run them as formulas.
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
