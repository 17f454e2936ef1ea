import type { TransferTarget } from '../../shared/conversation';

/** A transfer target as a `<select>` option's value: `agent:<id>` or `queue:<id>`. */
export const targetValue = (target: TransferTarget): string => `${target.kind}:${target.id}`;

/** The target an option's value names, or null for the placeholder; ids may themselves contain ':'. */
export function parseTarget(value: string): TransferTarget | null {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  return (kind === 'agent' || kind === 'queue') && id ? { kind, id } : null;
}
