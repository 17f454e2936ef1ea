import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The configuration kept in the repository: the one an operator edits and the one the tests run. */
export const HAPROXY_CONFIG = resolve(__dirname, '../../deploy/haproxy/warmline.cfg');

export interface Address {
  host: string;
  port: number;
}

const BIND = /^([ \t]*)bind[ \t]+\S+(.*)$/m;
const SERVER = /^([ \t]*)server[ \t]+\S+[ \t]+\S+(.*)$/gm;

/**
 * The repository's HAProxy configuration with its listening address and replica list replaced:
 * the `bind` line takes `listen`, and the `server` lines become one per replica, in place of
 * the first one, keeping whatever options follow the address.
 */
export function renderHaproxyConfig(options: { listen: Address; replicas: Address[]; template?: string }): string {
  const template = options.template ?? readFileSync(HAPROXY_CONFIG, 'utf8');
  if (options.replicas.length === 0) throw new Error('a floor needs at least one replica');
  if (!BIND.test(template)) throw new Error('the HAProxy configuration has no bind line');
  const servers = [...template.matchAll(SERVER)];
  const first = servers[0];
  if (!first) throw new Error('the HAProxy configuration has no server line');
  const [, indent, rest] = first;
  const lines = options.replicas.map((replica, i) => `${indent}server hub${i + 1} ${replica.host}:${replica.port}${rest}`).join('\n');
  const start = first.index;
  const last = servers.at(-1)!;
  const end = last.index + last[0].length;
  if (template.slice(start, end).split('\n').some((line) => line.trim() && !/^[ \t]*server[ \t]/.test(line))) {
    throw new Error('the server lines of the HAProxy configuration must stand together');
  }
  const served = template.slice(0, start) + lines + template.slice(end);
  return served.replace(BIND, (_line, bindIndent: string, bindRest: string) => `${bindIndent}bind ${options.listen.host}:${options.listen.port}${bindRest}`);
}
