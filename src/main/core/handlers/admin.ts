import type { AdminChannelName } from '../../../shared/admin-ipc';
import type { AuditEntry, ImportPreview, IntegrationSettings, IntegrationWithToken, Person, QueueSettings, Retention, Skill, WallScreen, WallScreenWithUrl } from '../../../shared/admin';
import type { PasswordCodeWithPath } from '../../../shared/admin-ipc';
import { auditCsv, auditCsvFileName } from '../../../shared/admin-csv';
import type { HubHttpClient } from '../../hub-client/http-client';
import type { Core } from '../create-core';
import type { HandlersOf } from './types';

const AUDIT_PAGE = 500;
const at = (id: string) => encodeURIComponent(id);

/** Administration: each channel is one call to the hub's admin API, which checks the role. */
export const adminHandlers = (core: Core): HandlersOf<AdminChannelName> => {
  const hub = <T>(method: Parameters<HubHttpClient['call']>[0], path: string, body?: unknown) =>
    core.hubCall((client, token) => client.call<T>(method, path, token, body));
  type Page = { entries: AuditEntry[]; nextBefore: number | null };
  return {
    'admin:people': async () => (await hub<{ people: Person[] }>('GET', '/v1/admin/people')).people,
    'admin:person-add': (input) => hub('POST', '/v1/admin/people', input),
    'admin:person-update': async ({ id, patch }) => (await hub<{ person: Person }>('PATCH', `/v1/admin/people/${at(id)}`, patch)).person,
    'admin:person-deactivate': async ({ id }) => (await hub<{ person: Person }>('POST', `/v1/admin/people/${at(id)}/deactivate`)).person,
    'admin:person-reactivate': ({ id }) => hub('POST', `/v1/admin/people/${at(id)}/reactivate`),
    'admin:password-code': async ({ id }) => (await hub<{ passwordCode: PasswordCodeWithPath }>('POST', `/v1/admin/people/${at(id)}/password-code`)).passwordCode,
    'admin:people-import': (request) => hub<ImportPreview>('POST', '/v1/admin/people/import', request),
    'admin:skills': async () => (await hub<{ skills: Skill[] }>('GET', '/v1/admin/skills')).skills,
    'admin:skill-save': async (skill) => (await hub<{ skill: Skill }>('POST', '/v1/admin/skills', skill)).skill,
    'admin:queues': async () => (await hub<{ queues: QueueSettings[] }>('GET', '/v1/admin/queues')).queues,
    'admin:queue-create': async (input) => (await hub<{ queue: QueueSettings }>('POST', '/v1/admin/queues', input)).queue,
    'admin:queue-update': async ({ id, patch }) => (await hub<{ queue: QueueSettings }>('PATCH', `/v1/admin/queues/${at(id)}`, patch)).queue,
    'admin:queue-remove': async ({ id }) => {
      await hub('DELETE', `/v1/admin/queues/${at(id)}`);
      return null;
    },
    'admin:integrations': async () => (await hub<{ integrations: IntegrationSettings[] }>('GET', '/v1/admin/integrations')).integrations,
    'admin:integration-create': (input) => hub<IntegrationWithToken>('POST', '/v1/admin/integrations', input),
    'admin:integration-rotate': ({ id, overlapMinutes }) => hub<IntegrationWithToken>('POST', `/v1/admin/integrations/${at(id)}/rotate-token`, { overlapMinutes }),
    'admin:integration-revoke': async ({ id }) => (await hub<{ integration: IntegrationSettings }>('POST', `/v1/admin/integrations/${at(id)}/revoke`)).integration,
    'admin:screens': async () => (await hub<{ screens: WallScreen[] }>('GET', '/v1/admin/screens')).screens,
    'admin:screen-create': (input) => hub<WallScreenWithUrl>('POST', '/v1/admin/screens', input),
    'admin:screen-revoke': async ({ id }) => (await hub<{ screen: WallScreen }>('POST', `/v1/admin/screens/${at(id)}/revoke`)).screen,
    'admin:audit': ({ before }) => hub<Page>('GET', `/v1/admin/audit?limit=100${before ? `&before=${before}` : ''}`),
    'admin:audit-csv': async () => {
      // Paged newest first, written oldest first, as the hub's own CSV export is.
      const entries: AuditEntry[] = [];
      let before: number | null = null;
      for (let page = 0; page < 10_000; page += 1) {
        const answer: Page = await hub<Page>('GET', `/v1/admin/audit?limit=${AUDIT_PAGE}${before ? `&before=${before}` : ''}`);
        entries.push(...answer.entries);
        if (answer.nextBefore === null) break;
        before = answer.nextBefore;
      }
      return { fileName: auditCsvFileName(new Date()), csv: auditCsv(entries.reverse()) };
    },
    'admin:retention': async () => (await hub<{ retention: Retention }>('GET', '/v1/admin/retention')).retention,
    'admin:retention-set': async (retention) => (await hub<{ retention: Retention }>('PUT', '/v1/admin/retention', retention)).retention,
  };
};
