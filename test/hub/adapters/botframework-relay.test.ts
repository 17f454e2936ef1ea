import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { botframeworkAdapter } from '../../../src/hub/adapters/botframework';
import { makeContext, NOW } from './helpers';

/** The user's activities a relaying bot forwards after the handoff, built with botbuilder's MessageFactory. */

const translate = (activity: Partial<Activity>) => botframeworkAdapter.translate(JSON.parse(JSON.stringify(activity)), makeContext());

const fromUser = (activity: Partial<Activity>): Partial<Activity> => ({
  ...activity,
  id: 'act-1',
  timestamp: new Date('2026-11-20T10:20:00.000Z'),
  conversation: { id: 'conv-77', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'user-42', name: 'Amélie', role: 'user' },
  recipient: { id: 'bot', name: 'Returns Bot', role: 'bot' },
});

describe('Bot Framework activities relayed after the handoff', () => {
  it('turns the user’s message into a customer message of the conversation, keyed by the activity id', async () => {
    expect(await translate(fromUser(MessageFactory.text('It is order 555 <img src=x onerror=alert(1)>')))).toEqual({
      kind: 'customer-message',
      sourceConversationId: 'conv-77',
      message: { sourceMessageId: 'act-1', at: '2026-11-20T10:20:00.000Z', text: 'It is order 555 <img src=x onerror=alert(1)>' },
    });
  });

  it('carries the files the channel hosts and leaves out inline cards', async () => {
    const activity = fromUser(
      MessageFactory.attachment({ contentType: 'image/png', contentUrl: 'https://files.example/parcel.png', name: 'parcel.png' }),
    );
    activity.attachments!.push({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } });
    expect(await translate(activity)).toMatchObject({
      kind: 'customer-message',
      message: { text: '', attachments: [{ url: 'https://files.example/parcel.png', name: 'parcel.png', contentType: 'image/png' }] },
    });
  });

  it('takes the hub’s time for a message without a timestamp', async () => {
    const activity = fromUser(MessageFactory.text('hello?'));
    delete activity.timestamp;
    expect(await translate(activity)).toMatchObject({ message: { at: NOW.toISOString() } });
  });

  it('treats end of conversation and a user removed from it as the customer leaving', async () => {
    expect(await translate(fromUser({ type: ActivityTypes.EndOfConversation }))).toEqual({
      kind: 'customer-left',
      sourceConversationId: 'conv-77',
      detail: 'the user ended the conversation',
    });
    expect(await translate(fromUser({ type: ActivityTypes.ConversationUpdate, membersRemoved: [{ id: 'user-42', name: 'Amélie' }] }))).toMatchObject({
      kind: 'customer-left',
    });
    expect(await translate(fromUser({ type: ActivityTypes.ConversationUpdate, membersRemoved: [{ id: 'bot', name: 'Returns Bot' }] }))).toMatchObject({
      kind: 'ignored',
    });
  });

  it('ignores the bot’s own messages and empty ones', async () => {
    const own = { ...fromUser(MessageFactory.text('Anything else?')), from: { id: 'bot', name: 'Returns Bot', role: 'bot' } };
    expect(await translate(own)).toMatchObject({ kind: 'ignored' });
    expect(await translate(fromUser(MessageFactory.text('   ')))).toMatchObject({ kind: 'ignored' });
  });

  it('refuses a relayed message without an activity id or conversation, naming the field', async () => {
    const activity = fromUser(MessageFactory.text('hi'));
    delete activity.id;
    expect(await translate(activity)).toMatchObject({ kind: 'invalid', problems: [{ path: 'id' }] });
    expect(await translate({ ...fromUser(MessageFactory.text('hi')), conversation: undefined })).toMatchObject({ kind: 'invalid', problems: [{ path: 'conversation' }] });
  });
});
