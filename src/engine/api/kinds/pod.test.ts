import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../objects';
import { errorOf, pod, testServer } from './testServer';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('Pod create', () => {
  it('applies core/v1 defaults, the admission plugins and a Pending status', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('web', { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] }));
    const volume = p.spec.volumes[0].name as string;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(p.metadata.generation).toBe(1);
  });

  it('pulls tagged images IfNotPresent and untagged or :latest ones Always', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p', { containers: [
      { name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'nginx:latest' }, { name: 'c', image: 'registry:5000/x' }, { name: 'd', image: 'x@sha256:abc' },
    ] }));
    expect(p.spec.containers.map((c: { imagePullPolicy: string }) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'Always', 'Always', 'IfNotPresent']);
  });

  it('defaults requests to limits, canonicalises quantities and computes QoS', () => {
    const { api } = testServer();
    const g = api.create('pods', pod('g', { containers: [{ name: 'a', image: 'x:1', resources: { limits: { cpu: 0.5, memory: '1024Mi' } } }] }));
    expect(g.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(g.status.qosClass).toBe('Guaranteed');
    const b = api.create('pods', pod('b', { containers: [{ name: 'a', image: 'x:1', resources: { requests: { cpu: '100m' } } }] }));
    expect(b.status.qosClass).toBe('Burstable');
  });

  it('keeps existing tolerations that already cover the NoExecute taints', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p', { tolerations: [{ operator: 'Exists' }] }));
    expect(p.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('requires the ServiceAccount to exist', () => {
    const { api } = testServer({ serviceAccount: false });
    expect(errorOf(() => api.create('pods', pod('web')))).toBe(
      'pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  it('does not mount a token when automount is off', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p', { automountServiceAccountToken: false }));
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('rejects bad names with the RFC 1123 message', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('pods', pod('Web_1')))).toBe(`Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`);
  });

  it('reports missing and duplicate containers and images', () => {
    const { api } = testServer();
    expect(errorOf(() => api.create('pods', pod('p', { containers: [] })))).toBe('Pod "p" is invalid: spec.containers: Required value');
    expect(errorOf(() => api.create('pods', pod('p', { containers: [{ name: 'web' }] })))).toBe('Pod "p" is invalid: spec.containers[0].image: Required value');
    expect(errorOf(() => api.create('pods', pod('p', { containers: [{ image: 'x:1' }] })))).toBe('Pod "p" is invalid: spec.containers[0].name: Required value');
    expect(errorOf(() => api.create('pods', pod('p', { containers: [{ name: 'web', image: 'a:1' }, { name: 'web', image: 'b:1' }] })))).toBe(
      'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "web"',
    );
  });

  it('checks ports, restartPolicy, probes and resources', () => {
    const { api } = testServer();
    const c = (extra: object) => pod('p', { containers: [{ name: 'web', image: 'x:1', ...extra }] });
    expect(errorOf(() => api.create('pods', c({ ports: [{ containerPort: 70000 }] })))).toBe(
      'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(errorOf(() => api.create('pods', pod('p', { restartPolicy: 'Sometimes' })))).toBe(
      'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(errorOf(() => api.create('pods', c({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })))).toBe(
      'Pod "p" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    );
    expect(errorOf(() => api.create('pods', c({ readinessProbe: { periodSeconds: 5 } })))).toBe(
      'Pod "p" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type',
    );
    expect(errorOf(() => api.create('pods', c({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })))).toBe(
      'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
    expect(errorOf(() => api.create('pods', c({ resources: { requests: { cpu: 'lots' } } })))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
  });
});

describe('Pod update', () => {
  it('allows image changes and bumps the generation', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p'));
    const next = structuredClone(p) as KubeObject;
    next.spec.containers[0].image = 'nginx:1.28';
    const updated = api.update('pods', next);
    expect(updated.spec.containers[0].image).toBe('nginx:1.28');
    expect(updated.metadata.generation).toBe(2);
  });

  it('leaves the generation alone when a manifest only omits defaults', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p'));
    const same = { ...p, spec: { ...p.spec, schedulerName: undefined, dnsPolicy: undefined } } as KubeObject;
    expect(api.update('pods', same).metadata.generation).toBe(1);
  });

  it('forbids other spec changes with the apiserver message and a diff', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p'));
    const msg = errorOf(() => api.update('pods', { ...p, spec: { ...p.spec, nodeName: 'aks-node-1' } } as KubeObject));
    expect(msg).toContain(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    );
    expect(msg).toContain('+ \tNodeName: "aks-node-1",');
  });

  it('refuses removing tolerations and adding containers', () => {
    const { api } = testServer();
    const p = api.create('pods', pod('p'));
    expect(errorOf(() => api.update('pods', { ...p, spec: { ...p.spec, tolerations: [] } } as KubeObject))).toBe(
      'Pod "p" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
    const more = { ...p, spec: { ...p.spec, containers: [...p.spec.containers, { ...p.spec.containers[0], name: 'b' }] } } as KubeObject;
    expect(errorOf(() => api.update('pods', more))).toBe('Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});

describe('Pod delete grace period', () => {
  it('removes unscheduled pods at once and gives scheduled ones their grace period', () => {
    const { api } = testServer();
    api.create('pods', pod('pending'));
    expect(api.delete('pods', 'default', 'pending').metadata.deletionTimestamp).toBeUndefined();
    expect(api.tryGet('pods', 'default', 'pending')).toBeUndefined();
    api.create('pods', pod('running', { nodeName: 'node-1' }));
    const d = api.delete('pods', 'default', 'running');
    expect(d.metadata.deletionGracePeriodSeconds).toBe(30);
    api.create('pods', pod('forced', { nodeName: 'node-1' }));
    api.delete('pods', 'default', 'forced', { gracePeriodSeconds: 0 });
    expect(api.tryGet('pods', 'default', 'forced')).toBeUndefined();
  });
});
