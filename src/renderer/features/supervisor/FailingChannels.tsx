import { useMemo, useSyncExternalStore } from 'react';
import { deliveryLabel, platformLabel } from '../../../shared/labels';
import type { InboxStore } from '../inbox/inbox-store';
import type { SupervisorStore } from './supervisor-store';
import { failingChannels } from './channel-health';

/**
 * Shown only while some channel fails: which platform, how many open conversations, the platform's
 * latest reason, and a way to watch each affected chat. Nothing when every reply is getting through.
 */
export function FailingChannels({ inbox, supervisor }: { inbox: InboxStore; supervisor: SupervisorStore }) {
  const revision = useSyncExternalStore(inbox.subscribe, () => inbox.getState().revision);
  const channels = useMemo(() => failingChannels(Object.values(inbox.getState().byId)), [inbox, revision]);
  if (channels.length === 0) return null;
  return (
    <section className="console__panel failing-channels" role="status" aria-labelledby="failing-channels-title" data-testid="failing-channels">
      <h2 id="failing-channels-title" className="console__title">Replies not reaching customers</h2>
      <ul className="failing-channels__list">
        {channels.map(({ channel, conversations }) => (
          <li key={channel} data-testid="failing-channel" data-channel={channel}>
            <strong>{platformLabel(channel)}</strong>
            {` · ${conversations.length} ${conversations.length === 1 ? 'conversation' : 'conversations'} · `}
            <span className="failing-channels__reason">{deliveryLabel(conversations[0]!.trouble)}</span>
            <ul className="failing-channels__chats">
              {conversations.slice(0, 5).map(({ id, customerName }) => (
                <li key={id}>
                  <button type="button" className="failing-channels__watch" onClick={() => void supervisor.getState().monitor(id)}>
                    Watch <bdi>{customerName}</bdi>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
