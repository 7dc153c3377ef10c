import { describe, expect, it } from 'vitest';
import { createInProcessWorker } from './inProcess';
import { memoryStorage } from './storage';
import { flushMicrotasks, manualTimers, TestClient } from './testing';

describe('Ctrl+C in an interactive kubectl exec with a terminal', () => {
  it('stops the command the container shell runs, not the session; without -t it ends kubectl exec', async () => {
    const timers = manualTimers();
    const worker = createInProcessWorker({ timers, storage: memoryStorage(), tickMs: 50 });
    const client = new TestClient(worker);
    await client.request('boot', { speed: 1, history: [], files: {} });
    await client.request('run', { input: 'kubectl run box --image=busybox -- sleep 3600' });
    await client.request('skipAhead', {});
    const { id, reply } = client.send('run', { input: 'kubectl exec -it box -- sh' });
    await flushMicrotasks();
    expect(await client.request('stdin', { target: id, line: 'sleep 100; echo not-reached' })).toEqual({ accepted: true });
    expect(client.output(id)).toBe('/ # ');
    expect(await client.request('interrupt', { target: id })).toEqual({ interrupted: true });
    expect(client.output(id)).toBe('/ # \n/ # ');
    await client.request('stdin', { target: id, line: 'echo $?' });
    expect(client.output(id)).toBe('/ # \n/ # 130\n/ # ');
    await client.request('stdin', { target: id, line: 'exit' });
    expect(await reply).toEqual({ exitCode: 0 });

    // Without a terminal, Ctrl+C is kubectl's own SIGINT: the whole exec ends.
    const plain = client.send('run', { input: 'kubectl exec -i box -- sh' });
    await flushMicrotasks();
    await client.request('stdin', { target: plain.id, line: 'sleep 100' });
    expect(await client.request('interrupt', { target: plain.id })).toEqual({ interrupted: true });
    expect(await plain.reply).toEqual({ exitCode: 130 });
    worker.terminate();
  });
});
