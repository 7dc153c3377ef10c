import { describe, expect, it } from 'vitest';
import { createInProcessWorker } from './inProcess';
import { memoryStorage } from './storage';
import { flushMicrotasks, manualTimers, TestClient } from './testing';

async function booted() {
  const timers = manualTimers();
  const worker = createInProcessWorker({ timers, storage: memoryStorage(), tickMs: 50 });
  const client = new TestClient(worker);
  await client.request('boot', { speed: 1, history: [], files: {} });
  return { client, worker };
}

const readLines = (client: TestClient, id: number) => client.messages.filter((m) => m.type === 'readLine' && m.id === id).length;

describe('an interactive kubectl exec in the page', () => {
  it('asks the page for each line, runs it in the container, and ends at exit', async () => {
    const { client, worker } = await booted();
    await client.request('run', { input: 'kubectl run box --image=busybox -- sleep 3600' });
    await client.request('skipAhead', {});
    const { id, reply } = client.send('run', { input: 'kubectl exec -it box -- sh' });
    await flushMicrotasks();
    expect(readLines(client, id)).toBe(1);
    expect(client.output(id)).toBe('/ # ');
    expect(await client.request('stdin', { target: id, line: 'cd /tmp; echo $HOSTNAME > host' })).toEqual({ accepted: true });
    expect(await client.request('stdin', { target: id, line: 'cat host; ls' })).toEqual({ accepted: true });
    expect(client.output(id)).toBe('/ # /tmp # box\nhost\n/tmp # ');
    expect(readLines(client, id)).toBe(3);
    // A line nobody asked for is refused, not queued.
    expect(await client.request('stdin', { target: id + 100, line: 'ls' })).toEqual({ accepted: false });
    await client.request('stdin', { target: id, line: 'exit 2' });
    expect(await reply).toEqual({ exitCode: 2 });
    expect(client.output(id)).toMatch(/\/tmp # command terminated with exit code 2\n$/);
    worker.terminate();
  });

  it('ends the session at end of input (Ctrl+D) and can be interrupted while reading', async () => {
    const { client, worker } = await booted();
    await client.request('run', { input: 'kubectl run web --image=nginx' });
    await client.request('skipAhead', {});
    const first = client.send('run', { input: 'kubectl exec -it web -- bash' });
    await flushMicrotasks();
    expect(client.output(first.id)).toBe('root@web:/# ');
    await client.request('stdin', { target: first.id, line: null });
    expect(await first.reply).toEqual({ exitCode: 0 });
    expect(client.output(first.id)).toBe('root@web:/# exit\n');
    const second = client.send('run', { input: 'kubectl exec -i web -- sh' });
    await flushMicrotasks();
    expect(client.output(second.id)).toBe('');
    expect(await client.request('interrupt', { target: second.id })).toEqual({ interrupted: true });
    expect(await second.reply).toEqual({ exitCode: 130 });
    worker.terminate();
  });
});
