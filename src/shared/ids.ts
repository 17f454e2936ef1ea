// Branded ids keep a conversation id from being passed where a user id belongs.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ConversationId = Brand<string, 'ConversationId'>;
export type UserId = Brand<string, 'UserId'>;
export type TurnId = Brand<string, 'TurnId'>;

export const asConversationId = (value: string): ConversationId => value as ConversationId;
export const asUserId = (value: string): UserId => value as UserId;
export const asTurnId = (value: string): TurnId => value as TurnId;
