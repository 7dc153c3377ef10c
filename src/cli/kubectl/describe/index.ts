/** kubectl describe: the describers by resource (plural). */
import { describeDeployment } from './deployment';
import { describeNamespace } from './namespace';
import { describeNode } from './nodeDescribe';
import { describePod } from './pod';
import { describeReplicaSet } from './replicaset';
import { describeEndpointSlice, describeEndpoints, describeService, describeServiceCIDR } from './service';
import type { DescribeSource } from './source';

export type { DescribeSource } from './source';
export { describeDeployment, describeNamespace, describeNode, describePod, describeReplicaSet };

type Describer = (source: DescribeSource, obj: any) => string;

export const DESCRIBERS: Readonly<Record<string, Describer>> = {
  pods: describePod,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  nodes: describeNode,
  namespaces: describeNamespace,
  services: describeService,
  endpoints: describeEndpoints,
  endpointslices: describeEndpointSlice,
  servicecidrs: describeServiceCIDR,
};
