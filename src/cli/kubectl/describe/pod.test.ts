import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { MIN, NOW, SEC, ago } from '../../../engine/printers/testing';
import { describePod } from './pod';
import { fakeSource } from './testing';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-7c5ddbdf54-x7k2p',
    namespace: 'default',
    uid: 'pod-uid',
    creationTimestamp: ago(5 * MIN),
    labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'rs-uid', controller: true }],
  },
  spec: {
    priority: 0,
    serviceAccountName: 'default',
    nodeName: 'aks-nodepool1-12345678-vmss000000',
    containers: [
      {
        name: 'web',
        image: 'nginx:1.25',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { limits: { memory: '128Mi' }, requests: { cpu: '0.1', memory: '128Mi' } },
        livenessProbe: {
          httpGet: { path: '/', port: 80, scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
        volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      },
    ],
    volumes: [
      {
        name: 'kube-api-access-abcde',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '10.224.0.4',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    startTime: ago(5 * MIN),
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'web',
        image: 'docker.io/library/nginx:1.25',
        imageID: 'docker.io/library/nginx@sha256:0a1b',
        containerID: 'containerd://4f5e',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(5 * MIN - 5 * SEC) } },
      },
    ],
  },
};

const event = (name: string, reason: string, from: string, message: string, first: number, last: number, count = 1) => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web-7c5ddbdf54-x7k2p', namespace: 'default', uid: 'pod-uid' },
  reason,
  message,
  source: { component: from },
  firstTimestamp: ago(first),
  lastTimestamp: ago(last),
  count,
  type: 'Normal',
});

const events = [
  event('e2', 'Pulling', 'kubelet', 'Pulling image "nginx:1.25"', 5 * MIN, 5 * MIN),
  event('e1', 'Scheduled', 'default-scheduler', 'Successfully assigned default/web-7c5ddbdf54-x7k2p to aks-nodepool1-12345678-vmss000000', 5 * MIN, 5 * MIN),
  event('e3', 'Started', 'kubelet', 'Started container web', 5 * MIN - 5 * SEC, 4 * MIN, 2),
  { ...event('other', 'Killing', 'kubelet', 'not this pod', MIN, MIN), involvedObject: { kind: 'Pod', name: 'web-7c5ddbdf54-x7k2p', namespace: 'default', uid: 'old-uid' } },
];

describe('describePod', () => {
  it('prints the kubectl 1.34 layout', () => {
    expect(describePod(fakeSource(NOW, { events }), pod)).toBe(`Name:             web-7c5ddbdf54-x7k2p
Namespace:        default
Priority:         0
Service Account:  default
Node:             aks-nodepool1-12345678-vmss000000/10.224.0.4
Start Time:       Thu, 01 Jan 2026 11:55:00 +0000
Labels:           app=web
                  pod-template-hash=7c5ddbdf54
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  ReplicaSet/web-7c5ddbdf54
Containers:
  web:
    Container ID:   containerd://4f5e
    Image:          nginx:1.25
    Image ID:       docker.io/library/nginx@sha256:0a1b
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 11:55:05 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  128Mi
    Liveness:  http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      POD_NAME:  web-7c5ddbdf54-x7k2p (v1:metadata.name)
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age                 From               Message
  ----    ------     ----                ----               -------
  Normal  Pulling    5m                  kubelet            Pulling image "nginx:1.25"
  Normal  Scheduled  5m                  default-scheduler  Successfully assigned default/web-7c5ddbdf54-x7k2p to aks-nodepool1-12345678-vmss000000
  Normal  Started    4m (x2 over 4m55s)  kubelet            Started container web
`);
  });
});
