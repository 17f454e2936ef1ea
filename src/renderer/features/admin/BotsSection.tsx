import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { INTEGRATION_PLATFORMS, type IntegrationPlatform } from '../../../shared/admin';
import type { AdminStore } from './admin-store';

/** What each platform's channel asks for, as the connector's schema names it. */
const PLATFORM_FIELDS: Record<IntegrationPlatform, { key: string; label: string; isSecret?: boolean }[]> = {
  generic: [],
  chatwoot: [
    { key: 'baseUrl', label: 'Chatwoot address (https://…)' },
    { key: 'accountId', label: 'Account id' },
    { key: 'apiAccessToken', label: 'API access token', isSecret: true },
  ],
  botpress: [{ key: 'webhookUrl', label: 'Botpress webhook URL (hitl-api)' }],
  botframework: [],
  'dialogflow-cx': [],
  rasa: [],
};

function IntegrationForm({ store, onDone }: { store: AdminStore; onDone(): void }) {
  const queues = useStore(store, (state) => state.queues);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<IntegrationPlatform>('generic');
  const [defaultQueue, setDefaultQueue] = useState(queues[0]?.id ?? '');
  const [settings, setSettings] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = Object.fromEntries(PLATFORM_FIELDS[platform].map((field) => [field.key, settings[field.key] ?? '']));
    if (await store.getState().createIntegration({ id, name, platform, defaultQueue, settings: wanted })) onDone();
  };
  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} aria-label="New bot integration" data-testid="integration-form">
      <label className="field"><span className="field__label">Id</span><input required value={id} onChange={(event) => setId(event.target.value)} data-testid="integration-id" /></label>
      <label className="field"><span className="field__label">Name</span><input required value={name} onChange={(event) => setName(event.target.value)} data-testid="integration-name" /></label>
      <label className="field">
        <span className="field__label">Platform</span>
        <select value={platform} onChange={(event) => setPlatform(event.target.value as IntegrationPlatform)} data-testid="integration-platform">
          {INTEGRATION_PLATFORMS.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Default queue</span>
        <select required value={defaultQueue} onChange={(event) => setDefaultQueue(event.target.value)} data-testid="integration-queue">
          <option value="" disabled>Choose a queue</option>
          {queues.map((queue) => <option key={queue.id} value={queue.id}>{queue.name}</option>)}
        </select>
      </label>
      {PLATFORM_FIELDS[platform].map((field) => (
        <label key={field.key} className="field">
          <span className="field__label">{field.label}</span>
          <input required type={field.isSecret ? 'password' : 'text'} autoComplete="off" value={settings[field.key] ?? ''} onChange={(event) => setSettings({ ...settings, [field.key]: event.target.value })} />
        </label>
      ))}
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" data-testid="integration-save">Create and show the token</button>
        <button type="button" className="button button--secondary" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** The bots that hand off to this hub: their token (shown once), rotation, revocation and delivery. */
export function BotsSection({ store }: { store: AdminStore }) {
  const integrations = useStore(store, (state) => state.integrations);
  const [isAdding, setAdding] = useState(false);
  const actions = store.getState();
  return (
    <section className="admin-section" aria-labelledby="admin-bots-title">
      <header className="admin-section__header">
        <h3 id="admin-bots-title">Bot integrations</h3>
        <button type="button" className="button button--primary" onClick={() => setAdding(true)} data-testid="integration-add">New integration</button>
      </header>
      {isAdding ? <IntegrationForm store={store} onDone={() => setAdding(false)} /> : null}
      <table className="admin-table" data-testid="integrations-table">
        <thead>
          <tr><th scope="col">Bot</th><th scope="col">Platform</th><th scope="col">Hands off to</th><th scope="col">Callbacks</th><th scope="col">Last delivery</th><th scope="col">Token</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {integrations.map((integration) => (
            <tr key={integration.id} data-testid="integration-row" className={integration.revokedAt ? 'admin-table__row--inactive' : undefined}>
              <th scope="row">{integration.name}<div className="admin-muted">{integration.id}</div></th>
              <td>{integration.platform}{Object.entries(integration.settings).map(([key, value]) => <div key={key} className="admin-muted">{key}: {String(value)}</div>)}</td>
              <td>{integration.defaultQueue}<div className="admin-muted">POST {integration.handoffPath}</div></td>
              <td>{integration.callbackUrl ?? 'none'}{integration.isSigned ? <div className="admin-muted">signed</div> : null}</td>
              <td>{integration.lastDelivery ? `${integration.lastDelivery.status} ${new Date(integration.lastDelivery.at).toLocaleString()}${integration.lastDelivery.error ? `: ${integration.lastDelivery.error}` : ''}` : 'none yet'}</td>
              <td>
                {integration.revokedAt ? `revoked ${new Date(integration.revokedAt).toLocaleString()}` : 'active'}
                {integration.previousTokenExpiresAt && !integration.revokedAt && Date.parse(integration.previousTokenExpiresAt) > Date.now() ? <div className="admin-muted">old token works until {new Date(integration.previousTokenExpiresAt).toLocaleTimeString()}</div> : null}
              </td>
              <td className="admin-table__actions">
                {integration.revokedAt ? null : (
                  <>
                    <button type="button" className="button button--quiet" onClick={() => void actions.rotateToken(integration.id, 60)} aria-label={`Rotate the token of ${integration.name} (the old one works for an hour)`}>Rotate token</button>
                    <button type="button" className="button button--quiet admin-danger" onClick={() => void actions.revokeIntegration(integration.id)} aria-label={`Revoke ${integration.name}`}>Revoke</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
