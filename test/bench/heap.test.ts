import { describe, expect, it } from 'vitest';
import { growthLines, heapGrowth, summariseSnapshot } from '../../bench/lib/heap';

/** A .heapsnapshot as V8 writes it: flat node fields, node types and names by index into tables. */
function snapshot(nodes: [type: number, name: string, selfSize: number][]) {
  const strings = [...new Set(nodes.map(([, name]) => name))];
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'array', 'string', 'object', 'code'] as string[]] as [string[]] } },
    nodes: nodes.flatMap(([type, name, size], index) => [type, strings.indexOf(name), index * 2 + 1, size, 0]),
    strings,
  };
}

describe('heap snapshot summary', () => {
  it('groups objects by constructor and strings by type alone, and ranks what grew by bytes', () => {
    const before = summariseSnapshot(snapshot([[3, 'Object', 16], [2, 'c_1', 40], [4, 'InstructionStream', 100]]));
    const after = summariseSnapshot(snapshot([[3, 'Object', 16], [3, 'Object', 16], [2, 'c_2', 40], [2, 'c_3', 48], [4, 'InstructionStream', 100]]));
    expect(after.get('string')).toEqual({ name: 'string', count: 2, bytes: 88 });
    expect(after.get('object Object')).toEqual({ name: 'object Object', count: 2, bytes: 32 });
    const growth = heapGrowth(before, after, 2);
    expect(growth).toEqual([
      { name: 'string', count: 1, bytes: 48 },
      { name: 'object Object', count: 1, bytes: 16 },
    ]);
    expect(growthLines(growth)).toEqual(['string +1 (+0.0 KiB)', 'object Object +1 (+0.0 KiB)']);
  });
});
