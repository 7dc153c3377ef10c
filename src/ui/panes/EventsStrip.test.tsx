// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCluster, fakeEvents } from '../graph/fakeCluster';
import { EventsStrip } from './EventsStrip';

afterEach(cleanup);

const NOW = Date.UTC(2025, 0, 1, 0, 10);
const events = fakeEvents(fakeCluster({ pools: [{ name: 'nodepool1', nodes: 3 }, { name: 'user1', nodes: 3 }], deployments: 4 }), NOW);

const rows = () => within(screen.getByRole('table', { name: 'Newest events' })).getAllByRole('row').slice(1);

describe('EventsStrip', () => {
  it('shows the newest events first with type, reason, object, message and age', () => {
    render(<EventsStrip events={events} now={NOW} onSelect={() => {}} />);
    expect(rows()).toHaveLength(events.length);
    const ages = rows().map((r) => (r as HTMLTableRowElement).cells[0].textContent ?? '');
    expect(ages[0]).toMatch(/^\d+(m\d*)?s?/);
    const seconds = (age: string) => {
      const m = /^(?:(\d+)m)?(?:(\d+)s)?/.exec(age)!;
      return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
    };
    expect(ages.map(seconds)).toEqual([...ages.map(seconds)].sort((a, b) => a - b));
  });

  it('filters by type and by text', () => {
    render(<EventsStrip events={events} now={NOW} onSelect={() => {}} theme="dark" />);
    fireEvent.click(screen.getByRole('button', { name: 'Warnings' }));
    expect(rows().every((r) => r.textContent?.includes('Warning'))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter events by text' }), { target: { value: 'NodeNotReady' } });
    expect(rows()).toHaveLength(1);
    expect(rows()[0].textContent).toMatch(/node\/aks-user1/);
  });

  it('selects the involved object on click', () => {
    const onSelect = vi.fn();
    render(<EventsStrip events={events} now={NOW} onSelect={onSelect} />);
    fireEvent.click(rows()[0]);
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect.mock.calls[0][0]).toMatchObject({ resource: expect.stringMatching(/^(pods|nodes)$/) });
  });
});
