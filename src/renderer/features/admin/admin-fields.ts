/** Lists typed as "billing, returns" or "billing; returns": trimmed, lower-cased ids, no empties. */
export const parseList = (text: string): string[] =>
  text.split(/[,;]/).map((part) => part.trim()).filter(Boolean);

export const joinList = (items: readonly string[]): string => items.join(', ');

/** An address the hub gave as a path, made absolute on the hub this workstation talks to. */
export const onHub = (hubUrl: string | null, value: string): string =>
  value.startsWith('/') && hubUrl ? `${hubUrl.replace(/\/+$/, '')}${value}` : value;
