/** Which profile a simulation was created with, and its kubeconfig identity; kept in snapshots. */
import type { Component } from '../sim/component';
import type { ClusterContext } from './context';

export type ProfileName = 'aks' | 'plain';

export interface IdentityState {
  profile: ProfileName;
  context: ClusterContext;
}

export class ClusterIdentity implements Component {
  readonly name = 'cluster-identity';

  constructor(public state: IdentityState) {}

  start(): void {}

  snapshot(): IdentityState {
    return this.state;
  }

  restore(state: unknown): void {
    this.state = state as IdentityState;
  }
}
