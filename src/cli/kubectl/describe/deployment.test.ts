import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { HOUR, MIN, NOW, ago } from '../../../engine/printers/testing';
import { describeDeployment } from './deployment';
import { describeReplicaSet } from './replicaset';
import { fakeSource } from './testing';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
});

const deployment: Deployment = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'd-uid',
    creationTimestamp: ago(HOUR),
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: template('nginx:1.25'),
  },
  status: {
    replicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

const rs = (name: string, hash: string, image: string, created: number, replicas: number): ReplicaSet => ({
  metadata: {
    name,
    namespace: 'default',
    uid: `${name}-uid`,
    creationTimestamp: ago(created),
    labels: { app: 'web', 'pod-template-hash': hash },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }],
  },
  spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: template(image, hash) },
  status: { replicas, readyReplicas: replicas },
});

const oldRS = rs('web-5d78c9f6b4', '5d78c9f6b4', 'nginx:1.24', HOUR, 0);
const newRS = rs('web-7c5ddbdf54', '7c5ddbdf54', 'nginx:1.25', 10 * MIN, 3);

const scaled = (name: string, message: string, t: number) => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default', uid: 'd-uid' },
  reason: 'ScalingReplicaSet',
  message,
  source: { component: 'deployment-controller' },
  firstTimestamp: ago(t),
  lastTimestamp: ago(t),
  count: 1,
  type: 'Normal',
});

describe('describeDeployment', () => {
  it('prints the deployment with its ReplicaSets', () => {
    const source = fakeSource(NOW, {
      replicasets: [newRS, oldRS],
      events: [
        scaled('a', 'Scaled up replica set web-5d78c9f6b4 from 0 to 3', HOUR),
        scaled('b', 'Scaled up replica set web-7c5ddbdf54 from 0 to 1', 10 * MIN),
      ],
    });
    expect(describeDeployment(source, deployment)).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 11:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  web-5d78c9f6b4 (0/0 replicas created)
NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  60m   deployment-controller  Scaled up replica set web-5d78c9f6b4 from 0 to 3
  Normal  ScalingReplicaSet  10m   deployment-controller  Scaled up replica set web-7c5ddbdf54 from 0 to 1
`);
  });

  it('omits the ReplicaSet lines when none exist and prints Events: <none>', () => {
    const out = describeDeployment(fakeSource(NOW, {}), deployment);
    // Without those lines the Events line joins the Conditions alignment block.
    expect(out.slice(out.indexOf('Conditions:'))).toBe(`Conditions:
  Type          Status  Reason
  ----          ------  ------
  Available     True    MinimumReplicasAvailable
  Progressing   True    NewReplicaSetAvailable
Events:         <none>
`);
  });
});

describe('describeReplicaSet', () => {
  it('prints replicas, pod phases and the template', () => {
    const pod = (name: string, phase: string) => ({
      metadata: { name, namespace: 'default', ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'web-7c5ddbdf54-uid', controller: true }] },
      status: { phase },
    });
    const source = fakeSource(NOW, { pods: [pod('a', 'Running'), pod('b', 'Running'), pod('c', 'Pending')] });
    expect(describeReplicaSet(source, newRS)).toBe(`Name:           web-7c5ddbdf54
Namespace:      default
Selector:       app=web,pod-template-hash=7c5ddbdf54
Labels:         app=web
                pod-template-hash=7c5ddbdf54
Annotations:    deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       3 current / 3 desired
Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
           pod-template-hash=7c5ddbdf54
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`);
  });
});
