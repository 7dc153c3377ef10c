// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterGraph } from './ClusterGraph';
import { fakeCluster } from './fakeCluster';

afterEach(cleanup);

// happy-dom has no 2D canvas: give cytoscape's renderer a context whose every method does nothing.
beforeAll(() => {
  const noop = () => undefined;
  const ctx: any = new Proxy({}, { get: (_t, key) => (key === 'measureText' ? () => ({ width: 10 }) : key === 'canvas' ? document.createElement('canvas') : noop), set: () => true });
  HTMLCanvasElement.prototype.getContext = (() => ctx) as any;
});

describe('ClusterGraph', () => {
  it('mounts, draws the cluster and re-renders on new objects without errors', () => {
    const objects = fakeCluster();
    const { rerender } = render(<ClusterGraph objects={objects} onSelect={() => {}} showOwners theme="light" />);
    const canvas = screen.getByTestId('cluster-graph');
    expect(Number(canvas.getAttribute('data-elements'))).toBeGreaterThan(20);
    rerender(<ClusterGraph objects={{ ...objects, pods: {} }} onSelect={() => {}} showOwners={false} theme="dark" selected={{ resource: 'nodes', name: Object.keys(objects.nodes)[0] }} />);
    expect(Number(canvas.getAttribute('data-elements'))).toBeLessThan(20);
    expect(screen.getByRole('button', { name: 'Fit graph to view' })).toBeTruthy();
  });
});
