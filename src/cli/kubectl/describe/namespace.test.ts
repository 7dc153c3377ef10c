import { describe, expect, it } from 'vitest';
import { HOUR, NOW, ago } from '../../../engine/printers/testing';
import { describeNamespace } from './namespace';
import { fakeSource } from './testing';

const ns = {
  metadata: { name: 'team-a', creationTimestamp: ago(HOUR), labels: { 'kubernetes.io/metadata.name': 'team-a' } },
  status: { phase: 'Active' },
};

describe('describeNamespace', () => {
  it('prints a namespace without quotas or limit ranges', () => {
    expect(describeNamespace(fakeSource(NOW, {}), ns)).toBe(`Name:         team-a
Labels:       kubernetes.io/metadata.name=team-a
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('prints quotas and limit ranges', () => {
    const quota = {
      metadata: { name: 'compute', namespace: 'team-a' },
      status: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi', pods: '10' }, used: { 'requests.cpu': '0.5', pods: '3' } },
    };
    const limits = {
      metadata: { name: 'defaults', namespace: 'team-a' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] },
    };
    expect(describeNamespace(fakeSource(NOW, { resourcequotas: [quota], limitranges: [limits] }), ns)).toBe(`Name:         team-a
Labels:       kubernetes.io/metadata.name=team-a
Annotations:  <none>
Status:       Active

Resource Quotas
  Name:            compute
  Resource         Used  Hard
  --------         ---   ---
  pods             3     10
  requests.cpu     500m  2
  requests.memory  0     4Gi

Resource Limits
 Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---  ---  ---------------  -------------  -----------------------
 Container  cpu       -    -    100m             500m           -
`);
  });
});
