import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster/create';
import type { Simulation } from '../engine/sim/simulation';
import { lessonSession, runAct } from './commands';
import { evaluateCheck } from './evaluate';
import { LessonFs } from './lessonFs';
import type { Check, CommandCheck, ObjectCheck } from './model';

const why = 'observed {{observed}}, expected {{expected}}';
/** A check with an optional why (each kind on its own: Omit over a union loses the members' keys). */
type LooseCheck = (Omit<CommandCheck, 'why'> | Omit<ObjectCheck, 'why'>) & { why?: string };

describe('evaluateCheck against a real cluster', () => {
  let sim: Simulation;
  const fs = new LessonFs();
  const kubectl = (command: string) => {
    const r = runAct(lessonSession(sim, fs), command, (ms) => sim.advance(ms));
    expect(r.exitCode, r.output).toBe(0);
  };
  const check = (c: LooseCheck) => evaluateCheck(sim, fs, { why, ...c } as Check);

  beforeAll(() => {
    sim = createCluster({ profile: 'plain', seed: 3, nodes: 2 });
    kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    sim.runUntilQuiet();
  });

  it('object check on a field with a number matcher, and the why filled in', () => {
    expect(check({ type: 'object', resource: 'deployment', name: 'web', field: '{.status.availableReplicas}', number: '>= 2' })).toMatchObject({ passed: true, observed: '2' });
    const failing = check({ type: 'object', resource: 'deploy', name: 'web', field: '{.status.availableReplicas}', number: '>= 3', why: '`web` has {{observed}} of 3 replicas available' });
    expect(failing).toEqual({ title: 'deploy/web {.status.availableReplicas}: >= 3', passed: false, observed: '2', why: '`web` has 2 of 3 replicas available' });
  });

  it('resolves resource names as kubectl does', () => {
    for (const resource of ['deployment', 'deployments', 'deploy', 'deployments.apps', 'Deployment']) {
      expect(check({ type: 'object', resource, name: 'web', exists: true }).passed).toBe(true);
    }
  });

  it('a missing object: not found, and exists: false passes', () => {
    expect(check({ type: 'object', resource: 'deployment', name: 'db', field: '{.status.availableReplicas}', number: '>= 1' })).toMatchObject({ passed: false, why: 'observed not found, expected >= 1' });
    expect(check({ type: 'object', resource: 'deployment', name: 'db', exists: false }).passed).toBe(true);
  });

  it('counts objects by selector that match the field', () => {
    expect(check({ type: 'object', resource: 'pods', selector: 'app=web', field: '{.status.phase}', equals: 'Running', count: '== 2' })).toMatchObject({ passed: true, observed: '2' });
    expect(check({ type: 'object', resource: 'pods', selector: 'app=web', count: '>= 3', why: 'only {{observed}} pods, want {{expected}}' })).toMatchObject({ passed: false, why: 'only 2 pods, want >= 3' });
    expect(check({ type: 'object', resource: 'pods', namespace: '*', selector: 'app=web', count: '== 2' }).passed).toBe(true);
    expect(check({ type: 'object', resource: 'pods', namespace: 'kube-system', selector: 'app=web', count: '== 0' }).passed).toBe(true);
  });

  it('without count, every object must match; the failing one is named', () => {
    const r = check({ type: 'object', resource: 'pods', selector: 'app=web', field: '{.spec.containers[0].image}', equals: 'nginx:1.28' });
    expect(r.passed).toBe(false);
    expect(r.observed).toMatch(/^web-[a-z0-9]+-[a-z0-9]+: nginx:1.27$/);
  });

  it('command checks match the trimmed output', () => {
    expect(check({ type: 'command', run: 'kubectl get pods -l app=web -o name | wc -l', equals: '2' })).toMatchObject({ passed: true, observed: '2' });
    expect(check({ type: 'command', run: 'kubectl get deploy web', contains: '2/2', matches: '^NAME\\s+READY' }).passed).toBe(true);
    expect(check({ type: 'command', run: 'kubectl get deploy web', notContains: 'web' }).passed).toBe(false);
  });

  it('command checks with a jsonpath into the JSON output', () => {
    const r = check({ type: 'command', run: 'kubectl get deployment web -o json', jsonpath: '{.spec.template.spec.containers[0].image}', equals: 'nginx:1.27' });
    expect(r).toMatchObject({ passed: true, observed: 'nginx:1.27' });
    expect(check({ type: 'command', run: 'kubectl get deployment web', jsonpath: '{.x}', equals: '' })).toMatchObject({ passed: false, why: expect.stringContaining('not JSON') });
  });

  it('exit codes: no matchers means it must succeed; exitCode matches the status', () => {
    expect(check({ type: 'command', run: 'kubectl get deployment web' }).passed).toBe(true);
    expect(check({ type: 'command', run: 'kubectl get deployment db' })).toMatchObject({ passed: false, observed: expect.stringContaining('exit code 1: Error from server (NotFound)') });
    expect(check({ type: 'command', run: 'kubectl get deployment db', exitCode: 1 }).passed).toBe(true);
  });

  it('a number matcher on text that is not a number fails and says so', () => {
    const r = check({ type: 'object', resource: 'deployment', name: 'web', field: '{.metadata.name}', number: '> 1', why: 'web has {{observed}}' });
    expect(r).toMatchObject({ passed: false, why: 'web has web ("web" is not a number)' });
    const empty = check({ type: 'object', resource: 'deployment', name: 'web', field: '{.status.unavailableReplicas}', number: '> 0', why: 'web has {{observed}} unavailable' });
    expect(empty).toMatchObject({ passed: false, why: 'web has (none) unavailable' });
  });

  it('a check that would wait fails, and time does not move', () => {
    const before = sim.now();
    const r = check({ type: 'command', run: 'sleep 5 && echo done', contains: 'done' });
    expect(r).toMatchObject({ passed: false, why: expect.stringContaining('checks must not wait') });
    expect(sim.now()).toBe(before);
  });

  it('follows the cluster as it changes', () => {
    const c = { type: 'object', resource: 'deployment', name: 'web', field: '{.status.readyReplicas}', equals: '3' } as const;
    expect(check(c).passed).toBe(false);
    kubectl('kubectl scale deployment web --replicas=3');
    sim.runUntilQuiet();
    expect(check(c).passed).toBe(true);
  });
});
