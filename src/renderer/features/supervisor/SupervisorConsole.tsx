import { useEffect, useState } from 'react';
import type { Stores } from '../../app/wiring';
import { useStores } from '../../app/stores-context';
import { QualityView } from '../quality/QualityView';
import { AgentsPanel } from './AgentsPanel';
import { EscalationRadar } from './EscalationRadar';
import { FailingChannels } from './FailingChannels';
import { createLiveRoom, type LiveRoom } from './live-room';
import { MonitorPanel } from './MonitorPanel';
import { QueuesPanel } from './QueuesPanel';
import { useConsoleShortcuts } from './use-console-shortcuts';
import '../../styles/supervisor.css';
import './supervisor-lists.css';

type ConsoleTab = 'live' | 'quality';

const QUEUE_SETTINGS_REFRESH_MS = 60_000;

/**
 * The live room's figures for as long as the console is shown: made in an effect, so a Strict Mode
 * double mount disposes the first room (its timer and subscriptions) instead of leaking it.
 */
function useLiveRoom(stores: Pick<Stores, 'inbox' | 'supervisor'>): LiveRoom | null {
  const [room, setRoom] = useState<LiveRoom | null>(null);
  useEffect(() => {
    const created = createLiveRoom({ inbox: stores.inbox, supervisor: stores.supervisor });
    setRoom(created);
    return () => created.dispose();
  }, [stores.inbox, stores.supervisor]);
  return room;
}

/**
 * The supervisor's room: queues and agents live, the escalation radar and the chat being watched;
 * beside it, the handoff-quality figures. The live tab stays mounted so its state survives a look
 * at the figures.
 */
export function SupervisorConsole() {
  const stores = useStores();
  const { supervisor } = stores;
  const [tab, setTab] = useState<ConsoleTab>('live');
  useConsoleShortcuts(stores);
  const room = useLiveRoom(stores);
  useEffect(() => {
    void supervisor.getState().loadAgents();
    void supervisor.getState().loadQueues();
    // An admin may change a queue's target during the shift; it shows here within this interval.
    const timer = setInterval(() => void supervisor.getState().loadQueues(), QUEUE_SETTINGS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [supervisor]);

  const tabButton = (id: ConsoleTab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`console-tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`console-panel-${id}`}
      className="console-tabs__tab"
      data-testid={`console-tab-${id}`}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  );

  return (
    <div className="console-frame">
      <div className="console-tabs" role="tablist" aria-label="Supervisor views">
        {tabButton('live', 'Live')}
        {tabButton('quality', 'Handoff quality')}
      </div>
      <div className="console" data-testid="supervisor-console" id="console-panel-live" role="tabpanel" aria-labelledby="console-tab-live" hidden={tab !== 'live'}>
        <FailingChannels inbox={stores.inbox} supervisor={supervisor} />
        {room ? <QueuesPanel room={room} /> : null}
        <AgentsPanel />
        {room ? <EscalationRadar room={room} /> : null}
        <MonitorPanel />
      </div>
      {tab === 'quality' && (
        <div id="console-panel-quality" role="tabpanel" aria-labelledby="console-tab-quality">
          <QualityView store={stores.quality} />
        </div>
      )}
    </div>
  );
}
