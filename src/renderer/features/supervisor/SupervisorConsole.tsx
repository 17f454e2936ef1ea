import { useEffect } from 'react';
import { useStores } from '../../app/stores-context';
import { AgentsPanel } from './AgentsPanel';
import { EscalationRadar } from './EscalationRadar';
import { MonitorPanel } from './MonitorPanel';
import { QueuesPanel } from './QueuesPanel';
import { useConsoleShortcuts } from './use-console-shortcuts';
import '../../styles/supervisor.css';

/** The supervisor's room: queues and agents live, the escalation radar, and the chat being watched. */
export function SupervisorConsole() {
  const stores = useStores();
  const { supervisor } = stores;
  useConsoleShortcuts(stores);
  useEffect(() => {
    void supervisor.getState().loadAgents();
  }, [supervisor]);

  return (
    <div className="console" data-testid="supervisor-console">
      <QueuesPanel />
      <AgentsPanel />
      <EscalationRadar />
      <MonitorPanel />
    </div>
  );
}
