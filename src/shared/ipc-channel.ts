import type { z } from 'zod';

/** One IPC channel: its request schema and (as a phantom) its response type. */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type only. */
  response: Res;
}

export const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): ChannelSpec<Req, Res> => ({ request, response: undefined as Res });
