// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterList } from './ClusterList';
import { fakeCluster, fakePod } from './fakeCluster';

afterEach(cleanup);

describe('ClusterList', () => {
  const objects = fakeCluster({ pools: [{ name: 'nodepool1', nodes: 2 }], deployments: 1, replicas: 2, daemonSets: 0, unscheduled: 1 });
  const node = Object.keys(objects.nodes)[0];
  objects.pods['default/web-7c5d-abcde'] = fakePod('web-7c5d-abcde', 'default', { node });

  it('names every object the way a screen reader announces it', () => {
    render(<ClusterList objects={objects} onSelect={() => {}} theme="light" />);
    expect(screen.getByRole('button', { name: `pod web-7c5d-abcde Running on ${node}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: new RegExp(`^node ${node} Ready, \\d+ pods$`) })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^pod big-\w+ Pending not scheduled$/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^deployment web \d\/2 ready$/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'service web LoadBalancer 20.61.10.4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'pvc web-data Bound' })).toBeTruthy();
    expect(screen.getByTestId('pods/default/web-7c5d-abcde').getAttribute('data-status')).toBe('Running');
  });

  it('selects on click and marks the selected row', () => {
    const onSelect = vi.fn();
    const { rerender } = render(<ClusterList objects={objects} onSelect={onSelect} theme="dark" />);
    fireEvent.click(screen.getByTestId('pods/default/web-7c5d-abcde'));
    expect(onSelect).toHaveBeenCalledWith({ resource: 'pods', namespace: 'default', name: 'web-7c5d-abcde' });
    rerender(<ClusterList objects={objects} onSelect={onSelect} theme="dark" selected={{ resource: 'pods', namespace: 'default', name: 'web-7c5d-abcde' }} />);
    expect(screen.getByTestId('pods/default/web-7c5d-abcde').getAttribute('aria-current')).toBe('true');
  });

  it('collapses pods under their node in big clusters, expandable', () => {
    render(<ClusterList objects={objects} onSelect={() => {}} theme="light" collapseAbove={1} />);
    expect(screen.queryByTestId('pods/default/web-7c5d-abcde')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Show pods on ${node}` }));
    expect(screen.getByTestId('pods/default/web-7c5d-abcde')).toBeTruthy();
  });
});
