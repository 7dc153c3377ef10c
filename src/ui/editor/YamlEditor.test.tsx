// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import YamlEditor, { type YamlEditorProps } from './YamlEditor';

// Monaco needs a real browser (dev/check.mjs covers it); here it "fails to load", which also
// tests the plain-text fallback.
vi.mock('./monaco/setup', () => {
  throw new Error('no Monaco in happy-dom');
});

afterEach(cleanup);

function setup(overrides: Partial<YamlEditorProps> = {}) {
  const props: YamlEditorProps = {
    buffers: [
      { id: 'a', title: 'deployment.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' },
      { id: 'b', title: 'deployment/web', text: 'kind: Deployment\n' },
    ],
    activeId: 'a',
    onChange: vi.fn(),
    onSelectBuffer: vi.fn(),
    onNewBuffer: vi.fn(),
    onCloseBuffer: vi.fn(),
    onApply: vi.fn(async () => ({ ok: true, output: 'deployment.apps/web created\n' })),
    theme: 'light',
    fontSize: 14,
    ...overrides,
  };
  render(<YamlEditor {...props} />);
  return props;
}

describe('YamlEditor', () => {
  it('shows buffers as tabs and reports selection, closing and new buffers', () => {
    const props = setup();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['deployment.yaml', 'deployment/web']);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.click(tabs[1]);
    expect(props.onSelectBuffer).toHaveBeenCalledWith('b');
    fireEvent.click(screen.getByRole('button', { name: 'Close deployment/web' }));
    expect(props.onCloseBuffer).toHaveBeenCalledWith('b');
    fireEvent.change(screen.getByRole('combobox', { name: 'New buffer' }), { target: { value: 'Service' } });
    expect(props.onNewBuffer).toHaveBeenCalledWith('Service');
    fireEvent.change(screen.getByRole('combobox', { name: 'New buffer' }), { target: { value: '-' } });
    expect(props.onNewBuffer).toHaveBeenLastCalledWith(undefined);
  });

  it('falls back to a text area when Monaco cannot load, and still edits and applies', async () => {
    const props = setup();
    const area = (await screen.findByRole('textbox', { name: 'YAML of deployment.yaml' })) as HTMLTextAreaElement;
    expect(screen.getByRole('status').textContent).toMatch(/could not load/);
    fireEvent.change(area, { target: { value: 'kind: Pod\n' } });
    expect(props.onChange).toHaveBeenCalledWith('a', 'kind: Pod\n');
    await act(async () => {
      fireEvent.keyDown(area, { key: 'Enter', ctrlKey: true });
    });
    expect(props.onApply).toHaveBeenCalledWith(props.buffers[0].text);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/deployment.apps\/web created/));
  });

  it('does not send a buffer with YAML syntax errors', async () => {
    const props = setup({ buffers: [{ id: 'a', title: 'bad.yaml', text: 'metadata:\n  name: [web\n' }] });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    });
    expect(props.onApply).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toMatch(/YAML syntax error \(first at line \d+, column \d+.*nothing was applied/);
  });

  it('shows the API error for the buffer it belongs to', async () => {
    const onApply = vi.fn(async () => ({ ok: false, output: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1', markers: [{ line: 2, message: 'x', severity: 'error' as const }] }));
    setup({ onApply });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    });
    const status = screen.getByRole('status');
    expect(status.textContent).toMatch(/is invalid: spec.replicas/);
    expect(status.getAttribute('data-tone')).toBe('error');
  });
});
