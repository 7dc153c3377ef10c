import { describe, expect, it } from 'vitest';
import { DRA_POST_FILTER_MSG, fitErrorMessage } from './fitError';
import { unresolvable, unschedulable } from './framework';

describe('fitErrorMessage', () => {
  it('counts reasons per node, sorts the strings, and appends the PostFilter message', () => {
    const statuses = new Map([
      ['n1', unresolvable('TaintToleration', 'node(s) had untolerated taint(s)')],
      ['n2', unschedulable('NodeResourcesFit', 'Insufficient cpu')],
      ['n3', unschedulable('NodeResourcesFit', 'Insufficient cpu')],
    ]);
    const post = `${DRA_POST_FILTER_MSG}, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    expect(fitErrorMessage({ numAllNodes: 3, nodeStatuses: statuses, postFilterMsg: post })).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
  it('sorts as strings (10 before 2) and counts several reasons of one node', () => {
    const statuses = new Map<string, ReturnType<typeof unschedulable>>();
    for (let i = 0; i < 10; i++) statuses.set(`a${i}`, unschedulable('NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory'));
    statuses.set('b', unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector"));
    statuses.set('c', unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector"));
    expect(fitErrorMessage({ numAllNodes: 12, nodeStatuses: statuses })).toBe(
      "0/12 nodes are available: 10 Insufficient cpu, 10 Insufficient memory, 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });
  it('counts nodes a PreFilter ruled out with the absent status', () => {
    const statuses = new Map([['n1', unschedulable('NodeResourcesFit', 'Insufficient cpu')]]);
    const absentStatus = unresolvable('NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage({ numAllNodes: 4, nodeStatuses: statuses, absentStatus })).toBe("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });
  it('uses only the PreFilter message when a PreFilter rejected the pod', () => {
    const statuses = new Map([['n1', unresolvable('NodeAffinity', 'pod affinity terms conflict')]]);
    expect(fitErrorMessage({ numAllNodes: 1, nodeStatuses: statuses, preFilterMsg: 'pod affinity terms conflict' })).toBe('0/1 nodes are available: pod affinity terms conflict.');
  });
});
