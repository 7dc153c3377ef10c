import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { nodePorts } from './nodePorts';

describe('NodePorts', () => {
  const holder = makePod('h', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080 }] });
  const n = nodeInfo(makeNode('n1'), holder);
  it('rejects a used hostPort (resolvable by preemption)', () => {
    const p = makePod('p', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080 }] });
    expect(nodePorts.filter(podInfoOf(p), n)).toMatchObject({ code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] });
  });
  it('allows another port, protocol, or a specific IP only when the holder is not on 0.0.0.0', () => {
    expect(nodePorts.filter(podInfoOf(makePod('p', {}, {}, { ports: [{ containerPort: 80, hostPort: 8081 }] })), n)).toBeNull();
    expect(nodePorts.filter(podInfoOf(makePod('p', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080, protocol: 'UDP' }] })), n)).toBeNull();
    expect(nodePorts.filter(podInfoOf(makePod('p', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] })), n)).not.toBeNull();
    const onIp = nodeInfo(makeNode('n2'), makePod('h', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }));
    expect(nodePorts.filter(podInfoOf(makePod('p', {}, {}, { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.2' }] })), onIp)).toBeNull();
  });
});
