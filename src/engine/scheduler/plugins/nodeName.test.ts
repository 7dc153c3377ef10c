import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { nodeName } from './nodeName';

describe('NodeName', () => {
  it('matches spec.nodeName only', () => {
    const n = nodeInfo(makeNode('n1'));
    expect(nodeName.filter(podInfoOf(makePod('p')), n)).toBeNull();
    expect(nodeName.filter(podInfoOf(makePod('p', {}, { nodeName: 'n1' })), n)).toBeNull();
    expect(nodeName.filter(podInfoOf(makePod('p', {}, { nodeName: 'n2' })), n)?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});
