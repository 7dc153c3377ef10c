// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCluster, fakeEvents } from '../graph/fakeCluster';
import { Inspector } from './Inspector';

afterEach(cleanup);

const NOW = Date.UTC(2025, 0, 1, 0, 10);
const objects = fakeCluster({ pools: [{ name: 'nodepool1', nodes: 2 }], deployments: 1, replicas: 2 });
const rs = Object.values(objects['replicasets.apps'])[0];
const deploy = Object.values(objects['deployments.apps'])[0];
const pods = Object.values(objects.pods).filter((p) => p.metadata.ownerReferences?.[0]?.name === rs.metadata.name);

describe('Inspector', () => {
  it('invites a selection when nothing is selected', () => {
    render(<Inspector events={[]} children={[]} onSelect={() => {}} onEdit={() => {}} />);
    expect(screen.getByText(/Select an object/)).toBeTruthy();
  });

  it('shows facts, owner, children, events and YAML; links select and Edit edits', () => {
    const pod = pods[0];
    const events = fakeEvents(objects, NOW).filter((e) => (e.involvedObject as any).name === pod.metadata.name);
    const onSelect = vi.fn();
    const onEdit = vi.fn();
    render(<Inspector object={pod} events={events} owner={rs} children={[]} onSelect={onSelect} onEdit={onEdit} now={NOW} />);
    const facts = screen.getByLabelText('Key facts');
    expect(within(facts).getByText('Running')).toBeTruthy();
    expect(within(facts).getByText(pod.spec.nodeName)).toBeTruthy();
    expect(screen.getByRole('table', { name: `Events of pod ${pod.metadata.name}` }).textContent).toMatch(/Scheduled/);
    expect(screen.getByLabelText(`YAML of pod ${pod.metadata.name}`).textContent).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    fireEvent.click(screen.getByRole('button', { name: `replicaset ${rs.metadata.name}` }));
    expect(onSelect).toHaveBeenCalledWith({ resource: 'replicasets.apps', namespace: 'default', name: rs.metadata.name });
    fireEvent.click(screen.getByRole('button', { name: `Edit pod ${pod.metadata.name} in editor` }));
    expect(onEdit).toHaveBeenCalledWith(pod);
  });

  it('lists the children of an owner', () => {
    render(<Inspector object={rs} events={[]} owner={deploy} children={pods} onSelect={() => {}} onEdit={() => {}} />);
    expect(within(screen.getByRole('list', { name: 'Owned objects' })).getAllByRole('button')).toHaveLength(pods.length);
    expect(screen.getByText('No events.')).toBeTruthy();
  });
});
