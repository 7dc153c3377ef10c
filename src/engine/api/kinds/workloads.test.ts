import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../objects';
import { errorOf, testServer } from './testServer';

function deployment(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      ...spec,
    },
  } as KubeObject;
}

const TEMPLATE_SPEC_DEFAULTS = {
  containers: [
    { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
  ],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

describe('Deployment', () => {
  it('is defaulted as apps/v1 does, template included', () => {
    const { api } = testServer();
    const d = api.create('deployments.apps', deployment('web'));
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: 'web' } }, spec: TEMPLATE_SPEC_DEFAULTS },
    });
    expect(d.status).toEqual({});
    expect(d.metadata.generation).toBe(1);
  });

  it('requires a selector that matches the template labels', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { selector: undefined })))).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { selector: { matchLabels: { app: 'x' } } })))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    );
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { selector: {} })))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    );
  });

  it('checks replicas, strategy and the template restart policy', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { replicas: -1 })))).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { strategy: { type: 'Foo' } })))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: {"Type":"Foo","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
    );
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    );
    expect(errorOf(() => api.create('deployments.apps', deployment('web', { strategy: { rollingUpdate: { maxUnavailable: '150%' } } })))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    );
    const never = deployment('web');
    never.spec.template.spec.restartPolicy = 'Never';
    expect(errorOf(() => api.create('deployments.apps', never))).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    const noImage = deployment('web');
    delete noImage.spec.template.spec.containers[0].image;
    expect(errorOf(() => api.create('deployments.apps', noImage))).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('keeps the selector immutable and bumps generation on spec or annotation changes', () => {
    const { api } = testServer();
    const d = api.create('deployments.apps', deployment('web'));
    const moved = structuredClone(d) as KubeObject;
    moved.spec.selector = { matchLabels: { app: 'web', tier: 'front' } };
    moved.spec.template.metadata.labels.tier = 'front';
    expect(errorOf(() => api.update('deployments.apps', moved))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable',
    );
    const scaled = api.update('deployments.apps', { ...d, spec: { ...d.spec, replicas: 3 } } as KubeObject);
    expect(scaled.metadata.generation).toBe(2);
    const annotated = api.update('deployments.apps', { ...scaled, metadata: { ...scaled.metadata, annotations: { note: 'x' } } } as KubeObject);
    expect(annotated.metadata.generation).toBe(3);
    expect(api.update('deployments.apps', { ...annotated, spec: { ...annotated.spec, revisionHistoryLimit: undefined } } as KubeObject).metadata.generation).toBe(3);
  });
});

describe('ReplicaSet and DaemonSet', () => {
  it('default and start their status as the apiserver does', () => {
    const { api } = testServer();
    const base = deployment('rs');
    const rs = api.create('replicasets.apps', { ...base, kind: 'ReplicaSet', spec: { selector: base.spec.selector, template: base.spec.template } } as KubeObject);
    expect(rs.spec.replicas).toBe(1);
    expect(rs.status).toEqual({ replicas: 0 });
    const ds = api.create('daemonsets.apps', { ...base, kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: base.spec.selector, template: base.spec.template } } as KubeObject);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  it('validate DaemonSet rolling updates', () => {
    const { api } = testServer();
    const base = deployment('ds');
    const ds = (rollingUpdate: object) =>
      ({ ...base, kind: 'DaemonSet', spec: { selector: base.spec.selector, template: base.spec.template, updateStrategy: { rollingUpdate } } }) as KubeObject;
    expect(errorOf(() => api.create('daemonsets.apps', ds({ maxUnavailable: 0, maxSurge: 0 })))).toBe(
      'DaemonSet.apps "ds" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    );
    expect(errorOf(() => api.create('daemonsets.apps', ds({ maxUnavailable: 1, maxSurge: 1 })))).toBe(
      'DaemonSet.apps "ds" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    );
  });
});
