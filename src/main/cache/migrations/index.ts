import { initial } from './001-initial';
import { preferences } from './002-preferences';
import { reviewFilters } from './003-review-filters';
import { turnVisibility } from './004-turn-visibility';
import { oneIndexPerConversation } from './005-one-index-per-conversation';
import { indexTurnsInWriter } from './006-index-turns-in-writer';
import { attachments } from './007-attachments';
import { messageDelivery } from './008-message-delivery';
import { customerNameSearch } from './009-customer-name-search';
import { offerSoundOn } from './010-offer-sound-on';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every cache schema step, oldest first. Append only: a shipped migration never changes. */
export const migrations: Migration[] = [initial, preferences, reviewFilters, turnVisibility, oneIndexPerConversation, indexTurnsInWriter, attachments, messageDelivery, customerNameSearch, offerSoundOn];
