import { describe, expect, it } from 'vitest';
import { createThreeWayMergePatch, strategicMerge } from './strategicMerge';

const deployment = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, template: { spec: { containers, ...extra } } },
});

describe('strategicMerge', () => {
  it('changes one container image and keeps the others', () => {
    const live = deployment([{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { name: 'sidecar', image: 'busybox' }]);
    const out = strategicMerge('Deployment', live, { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } }) as any;
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'app', image: 'nginx:1.26', ports: [{ containerPort: 80 }] },
      { name: 'sidecar', image: 'busybox' },
    ]);
    expect(live.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.25' });
  });

  it('deletes keys with null and list elements with $patch: delete', () => {
    const live = deployment([{ name: 'app', image: 'x' }, { name: 'b', image: 'y' }]);
    const out = strategicMerge('Deployment', live, {
      metadata: { labels: { app: null } },
      spec: { template: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } } },
    }) as any;
    expect(out.metadata.labels).toEqual({});
    expect(out.spec.template.spec.containers).toEqual([{ name: 'app', image: 'x' }]);
  });

  it('replaces unknown and atomic lists (tolerations) whole', () => {
    const live = deployment([{ name: 'app' }], { tolerations: [{ key: 'a', operator: 'Exists' }] });
    const out = strategicMerge('Deployment', live, { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } }) as any;
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('merges primitive lists with merge strategy and deletes from them', () => {
    const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: ['a', 'b'] } };
    // Upstream puts patch items before live-only ones when neither order knows the other (mergeSortedSlice).
    expect((strategicMerge('Pod', live, { metadata: { finalizers: ['c'] } }) as any).metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect((strategicMerge('Pod', live, { metadata: { finalizers: ['b'] } }) as any).metadata.finalizers).toEqual(['a', 'b']);
    expect((strategicMerge('Pod', live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }) as any).metadata.finalizers).toEqual(['b']);
  });

  it('honours $patch: replace on a list and on a map', () => {
    const live = deployment([{ name: 'a' }, { name: 'b' }]);
    const out = strategicMerge('Deployment', live, {
      metadata: { labels: { $patch: 'replace', tier: 'x' } },
      spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'c' }] } } },
    }) as any;
    expect(out.metadata.labels).toEqual({ tier: 'x' });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'c' }]);
  });

  it('applies $retainKeys (Deployment strategy) and $setElementOrder', () => {
    const live = { ...deployment([{ name: 'a' }, { name: 'b' }]), spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } };
    const out = strategicMerge('Deployment', live, {
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      },
    }) as any;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['b', 'a']);
  });

  it('merges env by name keeping live-only entries after patch entries', () => {
    const live = deployment([{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }]);
    const out = strategicMerge('Deployment', live, { spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'Z', value: '3' }, { name: 'X', value: '9' }] }] } } } }) as any;
    expect(out.spec.template.spec.containers[0].env).toEqual([
      { name: 'Z', value: '3' },
      { name: 'X', value: '9' },
      { name: 'Y', value: '2' },
    ]);
  });
});

describe('createThreeWayMergePatch', () => {
  it('removes an env var dropped from the manifest with a delete directive', () => {
    const last = deployment([{ name: 'a', image: 'x', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }]);
    const modified = deployment([{ name: 'a', image: 'x', env: [{ name: 'X', value: '1' }] }]);
    const live = deployment([{ name: 'a', image: 'x', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }]);
    const patch = createThreeWayMergePatch('Deployment', last, modified, live);
    expect(patch).toEqual({
      spec: { template: { spec: {
        $setElementOrder: undefined,
        '$setElementOrder/containers': [{ name: 'a' }],
        containers: [{ '$setElementOrder/env': [{ name: 'X' }], env: [{ $patch: 'delete', name: 'Y' }], name: 'a' }],
      } } },
    } as never);
    const result = strategicMerge('Deployment', live, patch) as any;
    expect(result.spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'x', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', value: '1' }] });
  });

  it('is empty when the manifest did not change, whatever others set', () => {
    const m = deployment([{ name: 'a', image: 'x' }]);
    delete (m.spec as any).replicas;
    const live = { ...deployment([{ name: 'a', image: 'x', terminationMessagePath: '/dev/termination-log' }]), status: { replicas: 5 } };
    live.spec.replicas = 5; // kubectl scale: the manifest never set replicas, so apply leaves them
    expect(createThreeWayMergePatch('Deployment', m, m, live)).toEqual({});
    // A manifest that sets replicas resets a scaled Deployment, as real apply does.
    expect(createThreeWayMergePatch('Deployment', deployment([{ name: 'a', image: 'x' }]), deployment([{ name: 'a', image: 'x' }]), live)).toEqual({ spec: { replicas: 2 } });
  });

  it('turns removed map fields into nulls and changed fields into values', () => {
    const last = { ...deployment([{ name: 'a', image: 'x' }]), metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } } };
    const modified = { ...deployment([{ name: 'a', image: 'y' }]), metadata: { name: 'web', labels: { app: 'web' } } };
    const patch = createThreeWayMergePatch('Deployment', last, modified, last);
    expect(patch).toEqual({
      metadata: { labels: { tier: null } },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ image: 'y', name: 'a' }] } } },
    });
    expect(JSON.stringify(patch)).toBe('{"metadata":{"labels":{"tier":null}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"image":"y","name":"a"}]}}}}');
  });

  it('sends $retainKeys when the Deployment strategy changes type', () => {
    const last = { ...deployment([]), spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const modified = { ...deployment([]), spec: { strategy: { type: 'Recreate' } } };
    const patch = createThreeWayMergePatch('Deployment', last, modified, last) as any;
    expect(patch.spec.strategy).toEqual({ $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' });
  });
});
