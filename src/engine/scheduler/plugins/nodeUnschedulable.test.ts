import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { nodeUnschedulable } from './nodeUnschedulable';

describe('NodeUnschedulable', () => {
  const cordoned = nodeInfo(makeNode('n1', { spec: { unschedulable: true } }));
  it('rejects a cordoned node as unresolvable', () => {
    expect(nodeUnschedulable.filter(podInfoOf(makePod('p')), cordoned)).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
  });
  it('admits a pod tolerating node.kubernetes.io/unschedulable', () => {
    const p = makePod('p', {}, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeUnschedulable.filter(podInfoOf(p), cordoned)).toBeNull();
  });
});
