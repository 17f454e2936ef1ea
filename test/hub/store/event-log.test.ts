import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { HubStoreTooNewError, openHubDatabase } from '../../../src/hub/store/database';
import { tempDir } from '../../support/hub';
import { createEventLog } from '../../../src/hub/store/events';

const message = (text: string) => ({ type: 'message:added' as const, message: { id: text, conversationId: 'c1', at: '2026-11-20T10:00:00Z', author: 'customer' as const, text } });

describe('the hub event log', () => {
  it('gives each agent only the events addressed to them, after the seq they resume from', () => {
    const log = createEventLog(openHubDatabase(':memory:'));
    const first = log.append({ conversationId: 'c1', queue: 'support', at: '2026-11-20T10:00:00Z', body: message('one'), audience: ['alex'] });
    log.append({ conversationId: 'c2', queue: 'support', at: '2026-11-20T10:00:01Z', body: message('for sam'), audience: ['sam'] });
    const third = log.append({ conversationId: 'c1', queue: 'support', at: '2026-11-20T10:00:02Z', body: message('two'), audience: ['alex'] });
    expect(log.forAgent('alex', 0, 100).map((event) => event.seq)).toEqual([first.event.seq, third.event.seq]);
    expect(log.forAgent('alex', first.event.seq, 100).map((event) => event.seq)).toEqual([third.event.seq]);
    expect(log.forAgent('sam', 0, 100)).toHaveLength(1);
    expect(log.forQueues(['support'], 0, 100)).toHaveLength(3);
    expect(log.forQueues(['billing'], 0, 100)).toHaveLength(0);
    expect(log.latestSeq()).toBe(third.event.seq);
  });

  it('refuses to open a store newer than this hub knows', () => {
    const file = join(tempDir(), 'hub.sqlite');
    const db = openHubDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openHubDatabase(file)).toThrow(HubStoreTooNewError);
  });
});
