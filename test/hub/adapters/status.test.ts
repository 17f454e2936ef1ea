import { describe, expect, it } from 'vitest';
import { formatHandoffStatus, handoffAnswer } from '../../../src/hub/adapters/status';

describe('handoff status bodies', () => {
  it('gives Bot Framework a handoff.status event with the failure message', () => {
    expect(formatHandoffStatus('botframework', { state: 'failed', message: 'No agent with that skill', conversationId: 'wl-1' })).toEqual({
      type: 'event',
      name: 'handoff.status',
      value: { state: 'failed', message: 'No agent with that skill' },
    });
  });

  it('gives Dialogflow CX session parameters and the customer message as fulfillment text', () => {
    expect(formatHandoffStatus('dialogflow-cx', { state: 'accepted', message: 'You are next in line.', conversationId: 'wl-2' })).toEqual({
      fulfillmentResponse: { messages: [{ text: { text: ['You are next in line.'] } }] },
      sessionInfo: { parameters: { warmline_handoff_state: 'accepted', warmline_conversation_id: 'wl-2' } },
    });
  });

  it('moves a Chatwoot conversation back to the bot when the handoff failed and resolves it when completed', () => {
    expect(formatHandoffStatus('chatwoot', { state: 'failed', conversationId: 'wl-3' })).toEqual({ status: 'pending' });
    expect(formatHandoffStatus('chatwoot', { state: 'completed', conversationId: 'wl-3' })).toEqual({ status: 'resolved' });
  });

  it('pauses a Rasa bot while a human has the conversation and resumes it afterwards', () => {
    expect(formatHandoffStatus('rasa', { state: 'accepted', conversationId: 'wl-4' })).toEqual([
      { event: 'slot', name: 'warmline_handoff_state', value: 'accepted' },
      { event: 'pause' },
    ]);
    expect(formatHandoffStatus('rasa', { state: 'completed', conversationId: 'wl-4' })).toContainEqual({ event: 'resume' });
  });

  it('answers Botpress with the id it needs and stops HITL when the handoff ends', () => {
    expect(handoffAnswer('botpress', 'wl-5')).toEqual({ id: 'wl-5' });
    expect(formatHandoffStatus('botpress', { state: 'completed', conversationId: 'wl-5' })).toEqual({ remoteConversationId: 'wl-5' });
    expect(handoffAnswer('botframework', 'wl-5')).toEqual({ activity: { type: 'event', name: 'handoff.status', value: { state: 'accepted' } } });
    expect(handoffAnswer('chatwoot', 'wl-5')).toEqual({});
  });

  it('answers Rasa’s handoff action call with the pause event Rasa runs after it', () => {
    expect(handoffAnswer('rasa', 'wl-6')).toEqual({ events: [{ event: 'pause' }] });
  });
});
