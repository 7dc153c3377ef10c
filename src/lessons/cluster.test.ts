import { describe, expect, it } from 'vitest';
import { createLessonCluster } from './cluster';
import { lessonOf, smallLesson } from './testing';

describe('createLessonCluster', () => {
  it('adds Linux node pools named and labelled as AKS does, then runs the setup until quiet', () => {
    const cluster = [
      'profile: aks',
      '  seed: 5',
      '  nodes: 1',
      '  start: 2026-03-02T09:00:00Z',
      '  nodePools:',
      '    - { name: userpool, count: 2 }',
      '  setup:',
      '    - kubectl create deployment web --image=nginx:1.27 --replicas=2',
    ].join('\n');
    const sim = createLessonCluster(lessonOf(smallLesson('## S\n', cluster)));
    const nodes = sim.api.list('nodes').items;
    const names = nodes.map((n) => n.metadata.name);
    const number = /^aks-nodepool1-(\d{8})-vmss000000$/.exec(names[0])![1];
    expect(names).toEqual([`aks-nodepool1-${number}-vmss000000`, `aks-userpool-${number}-vmss000000`, `aks-userpool-${number}-vmss000001`]);
    expect(nodes[1].metadata.labels).toMatchObject({ agentpool: 'userpool', 'kubernetes.azure.com/agentpool': 'userpool', 'kubernetes.azure.com/mode': 'user' });
    expect(nodes[1].status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status).toBe('True');
    expect(sim.api.get('deployments.apps', 'default', 'web').status?.readyReplicas).toBe(2);
    expect(sim.now()).toBeGreaterThan(Date.UTC(2026, 2, 2, 9));
    expect(sim.isQuiet()).toBe(true);
  });

  it('throws with the output of a setup command that fails', () => {
    const lesson = lessonOf(smallLesson('## S\n', 'profile: plain\n  nodes: 1\n  setup:\n    - kubectl get deployment nope'));
    expect(() => createLessonCluster(lesson)).toThrow('setup command failed (exit 1): kubectl get deployment nope\nError from server (NotFound): deployments.apps "nope" not found');
  });
});
