import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { errorOf, testServer } from './kinds/testServer';
import { difference, intern, LEAF, NodeStack, union, type Fields } from './fieldSet';

const deployment = (spec: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
    ...spec,
  },
});

const D = 'deployments.apps';

describe('managedFields', () => {
  it('records an Update entry for a create, in the FieldsV1 encoding', () => {
    const { api } = testServer();
    const d = api.create(D, deployment({ replicas: 2 }), { fieldManager: 'kubectl-create' });
    const [e] = d.metadata.managedFields!;
    expect(e).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-05T09:00:00Z', fieldsType: 'FieldsV1' });
    const f = e.fieldsV1 as any;
    expect(f['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect(f['f:spec']['f:replicas']).toEqual({});
    expect(f['f:spec']['f:selector']).toEqual({});
    const c = f['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}'];
    expect(c['.']).toEqual({});
    expect(c['f:ports']['k:{"containerPort":80,"protocol":"TCP"}']).toEqual({ '.': {}, 'f:containerPort': {}, 'f:protocol': {} });
    expect(c['f:imagePullPolicy']).toEqual({});
    expect(f['f:status']).toBeUndefined();
  });

  it('gives an update only what it changed and takes it from the others', () => {
    const { api, clock } = testServer();
    api.create(D, deployment({ replicas: 2 }), { fieldManager: 'kubectl-create' });
    clock.t += 1000;
    const d = api.patch(D, 'default', 'web', 'merge', { spec: { replicas: 3 } }, { fieldManager: 'kubectl-scale' });
    const entries = d.metadata.managedFields!;
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-create', 'kubectl-scale']);
    expect(entries[1].fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((entries[0].fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
  });

  it('keeps status writes in their own entry, and no-op writes leave the object alone', () => {
    const { api } = testServer();
    const d = api.create(D, deployment({}), { fieldManager: 'kubectl-create' });
    const s = api.update(D, { ...d, status: { replicas: 1 } }, { subresource: 'status', fieldManager: 'kube-controller-manager' });
    expect(s.metadata.managedFields!.find((e) => e.subresource)).toMatchObject({ manager: 'kube-controller-manager', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } });
    const again = api.update(D, s, { fieldManager: 'kubectl-edit' });
    expect(again.metadata.resourceVersion).toBe(s.metadata.resourceVersion);
  });

  it('shares the nodes objects have alike, frozen, and changing one object leaves the others alone', () => {
    const { api } = testServer();
    // Different specs: not one cached create set. Nodes are shared once their keys showed up before.
    const created = [1, 2, 3, 4, 5, 6].map((n) => {
      const d = deployment({ replicas: n });
      return api.create(D, { ...d, metadata: { ...d.metadata, name: `web-${n}` } }, { fieldManager: 'kubectl-create' });
    });
    const container = (d: KubeObject) => (d.metadata.managedFields![0].fieldsV1 as any)['f:spec']['f:template']['f:spec']['f:containers'];
    expect(container(created[5])).toBe(container(created[4]));
    expect(Object.isFrozen(container(created[4]))).toBe(true);
    const edited = structuredClone(created[4]) as any;
    delete edited.spec.template.spec.containers[0].ports;
    const updated = api.update(D, edited, { fieldManager: 'kubectl-create' });
    expect(container(updated)['k:{"name":"nginx"}']['f:ports']).toBeUndefined();
    const port = { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } };
    expect(container(api.get(D, 'default', 'web-6'))['k:{"name":"nginx"}']['f:ports']).toEqual(port);
  });
});

describe('server-side apply', () => {
  it('creates with an Apply entry owning exactly the applied fields', () => {
    const { api } = testServer();
    const { object, created } = api.apply(D, 'default', 'web', deployment({ replicas: 2 }), { fieldManager: 'kubectl' });
    expect(created).toBe(true);
    const [e] = object.metadata.managedFields!;
    expect(e).toMatchObject({ manager: 'kubectl', operation: 'Apply' });
    const f = e.fieldsV1 as any;
    expect(f['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
    expect(f['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).toEqual({
      '.': {},
      'f:image': {},
      'f:name': {},
      'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
    });
    expect(f['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['f:imagePullPolicy']).toBeUndefined();
  });

  it('conflicts with another manager changing its field, unless forced', () => {
    const { api } = testServer();
    api.create(D, deployment({ replicas: 2 }), { fieldManager: 'kubectl-client-side-apply' });
    expect(errorOf(() => api.apply(D, 'default', 'web', deployment({ replicas: 5 }), { fieldManager: 'kubectl' }))).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    // The same value is shared ownership, not a conflict.
    const shared = api.apply(D, 'default', 'web', deployment({ replicas: 2 }), { fieldManager: 'kubectl' }).object;
    expect(shared.metadata.managedFields!.map((e) => `${e.manager}/${e.operation}`)).toEqual(['kubectl/Apply', 'kubectl-client-side-apply/Update']);
    const forced = api.apply(D, 'default', 'web', deployment({ replicas: 5 }), { fieldManager: 'kubectl', force: true }).object;
    expect(forced.spec.replicas).toBe(5);
    const csa = forced.metadata.managedFields!.find((e) => e.manager === 'kubectl-client-side-apply')!;
    expect((csa.fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
  });

  it('lists several conflicts by manager', () => {
    const { api } = testServer();
    api.create(D, deployment({ replicas: 2 }), { fieldManager: 'kubectl-create' });
    const changed = deployment({ replicas: 3 });
    changed.spec.template.spec.containers[0].image = 'nginx:1.26';
    expect(errorOf(() => api.apply(D, 'default', 'web', changed, { fieldManager: 'kubectl' }))).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('removes what a manager stops applying when nobody else owns it', () => {
    const { api } = testServer();
    api.apply(D, 'default', 'web', deployment({ replicas: 4 }, { app: 'web', tier: 'front' }), { fieldManager: 'kubectl' });
    api.patch(D, 'default', 'web', 'merge', { metadata: { labels: { team: 'a' } } }, { fieldManager: 'kubectl-label' });
    const second = deployment({});
    second.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    const d = api.apply(D, 'default', 'web', second, { fieldManager: 'kubectl' }).object;
    expect(d.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(d.spec.replicas).toBe(1); // removed, then defaulted
    expect(d.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx', 'sidecar']);
    const third = deployment({});
    const again = api.apply(D, 'default', 'web', third, { fieldManager: 'kubectl' }).object;
    expect(again.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx']);
  });

  it('applying the same configuration twice changes nothing', () => {
    const { api, clock } = testServer();
    const first = api.apply(D, 'default', 'web', deployment({ replicas: 2 }), { fieldManager: 'kubectl' }).object;
    clock.t += 5000;
    const second = api.apply(D, 'default', 'web', deployment({ replicas: 2 }), { fieldManager: 'kubectl' }).object;
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });
});

describe('server-side apply after client-side apply', () => {
  it('keeps what the applier still owns below a member it dropped', () => {
    const { api } = testServer();
    api.create(D, deployment({ replicas: 2 }), { fieldManager: 'kubectl-client-side-apply' });
    const live = api.get(D, 'default', 'web');
    // kubectl's migration: the client-side apply manager's fields become the applier's.
    const migrated = live.metadata.managedFields!.map((e) => (e.manager === 'kubectl-client-side-apply' ? { ...e, manager: 'kubectl', operation: 'Apply' as const } : e));
    api.patch(D, 'default', 'web', 'json', [{ op: 'replace', path: '/metadata/managedFields', value: migrated }]);
    const d = api.apply(D, 'default', 'web', deployment({ replicas: 3 }), { fieldManager: 'kubectl' }).object;
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.managedFields!.map((e) => e.manager)).toEqual(['kubectl']);
  });
});

describe('status writes', () => {
  it('take only the changed items of keyed lists, and keep the other managers', () => {
    const { api, clock } = testServer();
    const d = api.create(D, deployment({}), { fieldManager: 'kubectl-create' });
    const cond = (type: string, status: string) => ({ type, status, reason: 'R', message: 'm' });
    const s1 = api.updateStatus(D, { ...d, status: { conditions: [cond('Available', 'False'), cond('Progressing', 'True')] } }, { fieldManager: 'kube-controller-manager' });
    clock.t += 1000;
    const s2 = api.updateStatus(D, { ...s1, status: { conditions: [cond('Available', 'True'), cond('Progressing', 'True')] } }, { fieldManager: 'other' });
    const other = s2.metadata.managedFields!.find((e) => e.manager === 'other')!;
    expect(other.fieldsV1).toEqual({ 'f:status': { 'f:conditions': { 'k:{"type":"Available"}': { 'f:status': {} } } } });
    const kcm = s2.metadata.managedFields!.find((e) => e.manager === 'kube-controller-manager')!;
    expect((kcm.fieldsV1 as any)['f:status']['f:conditions']['k:{"type":"Available"}']).toEqual({ '.': {}, 'f:type': {}, 'f:reason': {}, 'f:message': {} });
    expect(kcm.time).toBe('2026-01-05T09:00:00Z');
    expect(other.time).toBe('2026-01-05T09:00:01Z');
  });
});

describe('set operations', () => {
  const keys = (f: Fields) => JSON.stringify(f);

  it('share a set that the other adds nothing to or takes nothing from', () => {
    const a: Fields = { 'f:status': { 'f:phase': {}, 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, '.': {} }, '.': {} } } };
    expect(union(a, { 'f:status': { 'f:phase': {} } })).toBe(a);
    expect(difference(a, { 'f:spec': { 'f:replicas': {} } })).toBe(a);
    expect(difference(a, { 'f:status': { 'f:podIP': {} } })).toBe(a);
  });

  it('keep the key order: changed children in place, new ones after, `.` last', () => {
    const a: Fields = { 'f:status': { 'f:phase': {}, 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, 'f:reason': {}, '.': {} }, '.': {} }, 'f:qosClass': {} } };
    const u = union(a, { 'f:status': { 'f:podIP': {}, 'f:conditions': { 'k:{"type":"Ready"}': { 'f:message': {} } } } });
    expect(keys(u)).toBe(
      keys({ 'f:status': { 'f:phase': {}, 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, 'f:reason': {}, 'f:message': {}, '.': {} }, '.': {} }, 'f:qosClass': {}, 'f:podIP': {} } }),
    );
    const d = difference(a, { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:reason': {} } } } });
    expect(keys(d)).toBe(keys({ 'f:status': { 'f:phase': {}, 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, '.': {} }, '.': {} }, 'f:qosClass': {} } }));
    // The inputs are never changed.
    expect(a['f:status']['f:conditions']['k:{"type":"Ready"}']['f:reason']).toEqual({});
  });

  it('put `.` last when a set from a request has it first', () => {
    const a: Fields = { 'f:data': { '.': {}, 'f:x': {} } };
    expect(keys(union(a, { 'f:data': { 'f:x': {} } }))).toBe(keys({ 'f:data': { 'f:x': {}, '.': {} } }));
  });

  it('drop members a difference empties', () => {
    expect(difference({ 'f:status': { 'f:phase': {} } }, { 'f:status': { 'f:phase': {} } })).toEqual({});
    expect(difference({ 'f:metadata': { 'f:labels': { 'f:app': {}, '.': {} } } }, { 'f:metadata': { 'f:labels': { 'f:app': {} } } })).toEqual({
      'f:metadata': { 'f:labels': {} },
    });
  });

  it('build from a NodeStack what intern gives for the object of its pairs, the shared node once there is one', () => {
    const stack = new NodeStack();
    const build = () => {
      const mark = stack.top;
      stack.push('f:type', LEAF);
      stack.push('f:reason', LEAF);
      stack.push('.', LEAF);
      return stack.finish(mark)!;
    };
    expect(keys(build())).toBe(keys({ 'f:type': {}, 'f:reason': {}, '.': {} }));
    expect(stack.top).toBe(0);
    // Shared from the second time its keys are seen on.
    build();
    const shared = build();
    expect(Object.isFrozen(shared)).toBe(true);
    expect(build()).toBe(shared);
    expect(intern({ 'f:type': LEAF, 'f:reason': LEAF, '.': LEAF })).toBe(shared);
    expect(stack.finish(stack.top)).toBeUndefined();
  });

  it('keep a repeated list item key in its first place with the last child, as an object would', () => {
    const stack = new NodeStack();
    const a: Fields = { 'f:a': {} };
    const b: Fields = { 'f:b': {} };
    for (const count of [3, 100]) {
      const mark = stack.top;
      for (let i = 0; i < count; i++) stack.pushItem(mark, `i:${i}`, LEAF);
      stack.pushItem(mark, 'k:{"name":"x"}', a);
      stack.pushItem(mark, 'i:1', b);
      const node = stack.finish(mark)!;
      expect(Object.keys(node).slice(0, 2)).toEqual(['i:0', 'i:1']);
      expect(node['i:1']).toBe(b);
      expect(Object.keys(node)).toHaveLength(count + 1);
    }
  });
});
