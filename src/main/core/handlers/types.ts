import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../../shared/ipc';

type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** The handlers of some channels: each area of the core answers its own. */
export type HandlersOf<C extends ChannelName> = { [K in C]: Handler<K> };

export type Handlers = HandlersOf<ChannelName>;
