import { describe, expect, it } from 'vitest';
import type { Message } from '../protocol/messages';
import { createInProcessWorker } from './inProcess';
import { memoryStorage } from './storage';
import { flushMicrotasks, manualTimers, TestClient } from './testing';

async function booted() {
  const timers = manualTimers();
  const worker = createInProcessWorker({ timers, storage: memoryStorage(), tickMs: 50 });
  const client = new TestClient(worker);
  await client.request('boot', { speed: 1, history: [], files: {} });
  await client.request('run', { input: 'kubectl create deployment web --image=nginx --replicas=3' });
  return { client, worker };
}

type OpenEditor = Extract<Message, { type: 'openEditor' }>;
const opened = (client: TestClient, id: number) => client.messages.filter((m): m is OpenEditor => m.type === 'openEditor' && m.id === id);

describe('kubectl edit in the page', () => {
  it('opens the object in an editor tab, waits, and patches what is saved', async () => {
    const { client, worker } = await booted();
    const { id, reply } = client.send('run', { input: 'kubectl edit deploy/web' });
    await flushMicrotasks();
    const [open] = opened(client, id);
    expect(open).toMatchObject({ title: 'deployment/web', language: 'yaml' });
    expect(open.text).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/);
    expect(open.text).toContain('  replicas: 3\n');
    // The command waits while time flows.
    await client.request('skipAhead', {});
    expect(client.output(id)).toBe('');
    // Only the waiting command takes a result.
    expect(await client.request('editorResult', { target: id + 100, text: 'x' })).toEqual({ accepted: false });
    expect(await client.request('editorResult', { target: id, text: open.text.replace('  replicas: 3\n', '  replicas: 5\n') })).toEqual({ accepted: true });
    expect(await reply).toEqual({ exitCode: 0 });
    expect(client.output(id)).toBe('deployment.apps/web edited\n');
    const get = client.send('run', { input: "kubectl get deploy web -o jsonpath='{.spec.replicas}'" });
    await get.reply;
    expect(client.output(get.id)).toBe('5');
    worker.terminate();
  });

  it('re-opens the tab with the error comment when the server rejects the change', async () => {
    const { client, worker } = await booted();
    const { id, reply } = client.send('run', { input: 'kubectl edit deploy/web' });
    await flushMicrotasks();
    const [first] = opened(client, id);
    await client.request('editorResult', { target: id, text: first.text.replace('  replicas: 3\n', '  replicas: -1\n') });
    const second = opened(client, id)[1];
    expect(second.text).toContain('# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n');
    expect(client.output(id)).toBe('error: deployments.apps "web" is invalid\n');
    await client.request('editorResult', { target: id, text: second.text.replace('  replicas: -1\n', '  replicas: 4\n') });
    expect(await reply).toEqual({ exitCode: 0 });
    expect(client.output(id)).toBe('error: deployments.apps "web" is invalid\ndeployment.apps/web edited\n');
    worker.terminate();
  });

  it('cancels when the tab is closed or on Ctrl+C', async () => {
    const { client, worker } = await booted();
    const first = client.send('run', { input: 'kubectl edit deploy/web' });
    await flushMicrotasks();
    await client.request('editorResult', { target: first.id, text: null });
    expect(await first.reply).toEqual({ exitCode: 0 });
    expect(client.output(first.id)).toBe('Edit cancelled, no changes made.\n');
    const second = client.send('run', { input: 'kubectl edit deploy/web' });
    await flushMicrotasks();
    expect(await client.request('interrupt', { target: second.id })).toEqual({ interrupted: true });
    expect(await second.reply).toEqual({ exitCode: 0 });
    expect(client.output(second.id)).toBe('Edit cancelled, no changes made.\n');
    worker.terminate();
  });

  it('runs $KUBE_EDITOR through the command language instead when it is set', async () => {
    const { client, worker } = await booted();
    const { id, reply } = client.send('run', { input: "KUBE_EDITOR=\"sed -i 's/replicas: 3/replicas: 2/'\" kubectl edit deploy/web" });
    expect(await reply).toEqual({ exitCode: 0 });
    expect(opened(client, id)).toHaveLength(0);
    expect(client.output(id)).toBe('deployment.apps/web edited\n');
    worker.terminate();
  });
});
