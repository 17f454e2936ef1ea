import type { Page } from '@playwright/test';

/**
 * Heap snapshots of a page through the DevTools protocol, summarised per constructor, so a memory
 * figure can say *what* grew and not only by how much. The snapshot is taken after forced GCs, so
 * only what something still retains is counted.
 */

/** Count and self size of the live objects of one kind (e.g. "object Object", "string", "closure onmessage"). */
export interface HeapGroup {
  name: string;
  count: number;
  bytes: number;
}

export type HeapSummary = Map<string, HeapGroup>;

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Groups a parsed .heapsnapshot's nodes by type and name (the constructor for objects). */
export function summariseSnapshot(json: SnapshotJson): HeapSummary {
  const fields = json.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = json.snapshot.meta.node_types[0];
  const groups: HeapSummary = new Map();
  for (let i = 0; i < json.nodes.length; i += width) {
    const type = types[json.nodes[i + typeAt]!] ?? 'unknown';
    // Strings and numbers are named by their value: group them by type alone, or every string is a group.
    const byValue = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' || type === 'hidden';
    const name = byValue ? type : `${type} ${json.strings[json.nodes[i + nameAt]!] ?? '?'}`;
    const group = groups.get(name) ?? { name, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += json.nodes[i + sizeAt]!;
    groups.set(name, group);
  }
  return groups;
}

/** Forces full GCs, then takes a heap snapshot of the page and summarises it. */
export async function heapSnapshotAfterGc(page: Page): Promise<HeapSummary> {
  const session = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (chunk: { chunk: string }) => void chunks.push(chunk.chunk));
  try {
    await session.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i += 1) await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return summariseSnapshot(JSON.parse(chunks.join('')) as SnapshotJson);
  } finally {
    await session.detach();
  }
}

/** The groups that grew most in bytes from `before` to `after`, biggest first. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 8): { name: string; count: number; bytes: number }[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .map((name) => ({
      name,
      count: (after.get(name)?.count ?? 0) - (before.get(name)?.count ?? 0),
      bytes: (after.get(name)?.bytes ?? 0) - (before.get(name)?.bytes ?? 0),
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** "object Object +1,204 (+96.3 KiB)" lines for a figure's details. */
export const growthLines = (growth: ReturnType<typeof heapGrowth>): string[] =>
  growth.map((group) => `${group.name} ${group.count >= 0 ? '+' : ''}${group.count.toLocaleString('en-GB')} (${group.bytes >= 0 ? '+' : ''}${(group.bytes / 1024).toFixed(1)} KiB)`);
