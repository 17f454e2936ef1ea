import fc from 'fast-check';
import { build, type Hub } from '../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN, seedDemo } from '../../src/hub/demo/seed';
import { PLATFORMS } from '../../src/hub/adapters/types';
import { describeInput, emptyFigures, record, type Figures } from './figures';
import { badInputLines, hostileBody, jsonTree, mutate, mutationPath } from './hostile';

export interface Route {
  method: string;
  url: string;
}

/**
 * Every route the built hub serves, read from Fastify's own table, so routes added later are fuzzed
 * without touching this file. printRoutes draws a tree; each line is a path segment and its methods.
 */
export function discoverRoutes(hub: Hub): Route[] {
  const tree = hub.app.printRoutes({ commonPrefix: false });
  const parents: string[] = [];
  const routes: Route[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (depth > 0 ? parents[depth - 1]! : '') + match[2]!;
    parents[depth] = path.replace(/\/$/, '');
    for (const method of match[3]!.split(',').map((name) => name.trim())) {
      if (method !== 'HEAD') routes.push({ method, url: path });
    }
  }
  return routes;
}

export const sampleEnvelope = (id: string) => ({
  v: 1,
  id,
  source: { platform: 'generic', bot: 'fuzz-bot', conversationId: id },
  customer: { id: 'cust-1', name: 'Maria Okafor', email: 'maria@example.com', verification: { status: 'verified', method: 'code' } },
  issue: { title: 'Refund', intent: 'refund_request', department: 'returns' },
  reason: { kind: 'bot_failure', detail: 'needs a human', evidenceTurnIds: ['t1'], attempts: 2 },
  summary: { text: 'Wants a refund.', source: 'bot' },
  fields: [{ key: 'order_id', label: 'Order', value: '555', verified: true }],
  transcript: [{ id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'I want a refund' }],
  routing: { queue: 'support', priority: 2, channel: 'web' },
});

/** A valid body per route family, which mutation then damages one part of. */
const VALID_BODIES: [RegExp, unknown][] = [
  [/\/v1\/handoffs$/, sampleEnvelope('fuzz:seed:1')],
  [/\/v1\/sessions$/, { email: 'agent@demo', password: 'demo' }],
  [/\/messages$|\/bot-messages$|\/whisper$/, { clientMessageId: 'm1', text: 'hello' }],
  [/\/transfer$/, { to: { kind: 'queue', id: 'support' }, note: 'over to you' }],
  [/\/flags$/, { message: 'help please' }],
  [/\/resolve$/, { disposition: 'resolved', note: 'done' }],
  [/\/decline$/, { reason: 'busy' }],
  [/\/presence$/, { presence: 'away' }],
  [/\/bot-sessions$/, { contained: 3, intent: 'faq' }],
  [/\/customer-messages$/, { messageId: 'cm-1', text: 'are you there?' }],
  [/\/customer-left$/, { reason: 'closed the window' }],
  [/\/channel$/, { platform: 'generic', settings: { region: 'eu' } }],
];
const validBodyFor = (url: string): unknown => VALID_BODIES.find(([pattern]) => pattern.test(url))?.[1] ?? {};

interface Identities {
  agent: string;
  supervisor: string;
  conversationId: string;
}

async function prepare(hub: Hub): Promise<Identities> {
  await seedDemo(hub);
  const token = async (email: string) =>
    (JSON.parse((await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } })).body) as { token: string }).token;
  const created = await hub.app.inject({
    method: 'POST',
    url: '/v1/handoffs',
    headers: { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    payload: sampleEnvelope('fuzz:seed:0'),
  });
  const conversationId = (JSON.parse(created.body) as { conversationId?: string }).conversationId ?? 'missing';
  return { agent: await token('agent@demo'), supervisor: await token('supervisor@demo'), conversationId };
}

const segment = (ids: Identities) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(ids.conversationId) },
    { weight: 2, arbitrary: fc.constantFrom(...PLATFORMS) },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('..%2f..%2fetc%2fpasswd', '%00', '%ff%fe', 'x'.repeat(5000), '__proto__', 'constructor') },
  );

const authHeader = (ids: Identities) =>
  fc.constantFrom<Record<string, string>>(
    {},
    { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    { authorization: `Bearer ${ids.agent}` },
    { authorization: `Bearer ${ids.supervisor}` },
    { authorization: 'Bearer ' + 'A'.repeat(4096) },
    { authorization: 'Basic YWdlbnRAZGVtbzpkZW1v' },
    { authorization: `Bearer ${ids.agent}\u0000` },
  );

const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '');

interface Attempt {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
}

function attempts(routes: Route[], ids: Identities) {
  const body = (url: string) =>
    fc.oneof(
      { weight: 3, arbitrary: hostileBody },
      { weight: 4, arbitrary: fc.tuple(mutationPath, jsonTree).map(([path, replacement]) => JSON.stringify(mutate(validBodyFor(url), path, replacement)) ?? 'null') },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
        url: fc.tuple(...route.url.split('/').map((part) => (part.startsWith(':') ? segment(ids) : fc.constant(part)))).map((parts) => parts.join('/')),
        query: fc.oneof(fc.constant(''), fc.dictionary(fc.constantFrom('__proto__', 'limit', 'from', 'to', 'queue', 'format', 'constructor[prototype][polluted]'), fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((q) => `?${new URLSearchParams(q)}`)),
        auth: authHeader(ids),
        type: contentType,
        accept: fc.constantFrom('application/json', 'text/csv', '*/*'),
        payload: body(route.url),
      })
      .map(({ method, url, query, auth, type, accept, payload }): Attempt => ({
        method,
        url: url + query,
        headers: { ...auth, accept, ...(type ? { 'content-type': type } : {}) },
        payload: method === 'GET' || method === 'DELETE' ? undefined : payload,
      })),
  );
}

async function send(hub: Hub, figures: Figures, attempt: Attempt): Promise<void> {
  try {
    const response = await hub.app.inject({ method: attempt.method as 'GET', url: attempt.url, headers: attempt.headers, payload: attempt.payload });
    const outcome = response.statusCode >= 500 ? 'serverError' : response.statusCode >= 400 ? 'rejected' : 'ok';
    record(figures, outcome, () => `${response.statusCode} ${attempt.method} ${attempt.url.slice(0, 120)} ${describeInput(attempt.payload)} → ${response.body.slice(0, 200)}`);
  } catch (error) {
    record(figures, 'crash', () => `${attempt.method} ${attempt.url.slice(0, 120)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Fuzzes every hub HTTP route through inject, then every bad-input line in a body, a field and a path. */
export async function fuzzHttp(options: { runs: number; seed: number; everyPlacement?: boolean }): Promise<{ figures: Figures; routes: Route[] }> {
  // Every route a hub can serve, the customer chat's included.
  const hub = await build({ databaseFile: ':memory:', customerChat: true });
  const figures = emptyFigures('hub HTTP');
  try {
    await hub.app.ready();
    const routes = discoverRoutes(hub);
    const ids = await prepare(hub);
    for (const attempt of fc.sample(attempts(routes, ids), { numRuns: options.runs, seed: options.seed })) await send(hub, figures, attempt);

    const integration = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}`, 'content-type': 'application/json' };
    let n = 0;
    for (const line of badInputLines()) {
      n += 1;
      const envelope = sampleEnvelope(`fuzz:bad:${n}`);
      envelope.customer.name = line;
      envelope.transcript[0]!.text = line;
      const placements: Attempt[] = [
        { method: 'POST', url: '/v1/handoffs', headers: integration, payload: JSON.stringify(envelope) },
        { method: 'POST', url: '/v1/handoffs', headers: integration, payload: line },
        { method: 'GET', url: `/v1/conversations/${encodeURIComponent(line)}`, headers: { authorization: `Bearer ${ids.supervisor}` }, payload: undefined },
        { method: 'POST', url: `/v1/integrations/${PLATFORMS[n % PLATFORMS.length]}`, headers: integration, payload: JSON.stringify({ text: line, name: line, message: { text: line } }) },
        { method: 'POST', url: `/v1/conversations/${ids.conversationId}/customer-messages`, headers: integration, payload: JSON.stringify({ messageId: line, text: line }) },
      ];
      // The full run puts every line in every place; the quick one in one place per line, in turn.
      for (const placement of options.everyPlacement === false ? [placements[n % placements.length]!] : placements) await send(hub, figures, placement);
    }
    const health = await hub.app.inject({ method: 'GET', url: '/healthz' });
    if (health.statusCode !== 200) record(figures, 'crash', () => `hub unhealthy after fuzzing: ${health.statusCode}`);
    return { figures, routes };
  } finally {
    await hub.app.close();
  }
}
