import { botframeworkAdapter } from './botframework';
import { botpressAdapter } from './botpress';
import { chatwootAdapter } from './chatwoot';
import { dialogflowCxAdapter } from './dialogflow-cx';
import { rasaAdapter } from './rasa';
import { PLATFORMS, type Adapter, type Platform } from './types';

export const adapters: Record<Platform, Adapter> = {
  botframework: botframeworkAdapter,
  'dialogflow-cx': dialogflowCxAdapter,
  chatwoot: chatwootAdapter,
  rasa: rasaAdapter,
  botpress: botpressAdapter,
};

export const isPlatform = (value: string): value is Platform => (PLATFORMS as readonly string[]).includes(value);

