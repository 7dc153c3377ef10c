import { describe, expect, it } from 'vitest';
import { createInProcessWorker } from './inProcess';
import { memoryStorage } from './storage';
import { flushMicrotasks, manualTimers, TestClient } from './testing';
import type { Batch } from '../protocol/messages';

async function booted(opts: { storage?: ReturnType<typeof memoryStorage> } = {}) {
  const timers = manualTimers();
  const storage = opts.storage ?? memoryStorage();
  const worker = createInProcessWorker({ timers, storage, tickMs: 50 });
  const client = new TestClient(worker);
  const state = await client.request('boot', { speed: 1, history: [], files: {} });
  return { client, timers, storage, state, worker };
}

function podsIn(client: TestClient): Map<string, any> {
  const pods = new Map<string, any>();
  for (const m of client.messages) {
    if (m.type !== 'batch') continue;
    const b: Batch = m.batch;
    for (const u of b.upserted) if (u.resource === 'pods' && u.object.metadata.namespace === 'default') pods.set(u.object.metadata.name, u.object);
    for (const r of b.removed) if (r.resource === 'pods') pods.delete(r.name);
  }
  return pods;
}

describe('WorkerHost', () => {
  it('boots a fresh AKS cluster and lists its objects', async () => {
    const { state, storage, worker } = await booted();
    expect(state.restored).toBe(false);
    expect(state.objects.nodes).toHaveLength(3);
    expect(state.objects.events).toBeUndefined();
    expect(state.events.length).toBeGreaterThan(0);
    expect(storage.saved).toBeDefined();
    worker.terminate();
  });

  it('runs a command, streams its output and batches the changes', async () => {
    const { client, worker } = await booted();
    const { id, reply } = client.send('run', { input: 'kubectl create deployment web --image=nginx --replicas=3' });
    expect(await reply).toEqual({ exitCode: 0 });
    expect(client.output(id)).toBe('deployment.apps/web created\n');
    const clock = await client.request('skipAhead', {});
    expect(clock.quiet).toBe(true);
    await flushMicrotasks();
    const pods = podsIn(client);
    expect(pods.size).toBe(3);
    expect([...pods.values()].every((p) => p.status.phase === 'Running')).toBe(true);
    const seqs = client.messages.flatMap((m) => (m.type === 'batch' ? [m.batch.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    worker.terminate();
  });

  it('says when the input needs more lines', async () => {
    const { client, worker } = await booted();
    expect(await client.request('run', { input: 'cat <<EOF' })).toEqual({ incomplete: true });
    const { id, reply } = client.send('run', { input: 'cat <<EOF\nhello\nEOF' });
    expect(await reply).toEqual({ exitCode: 0 });
    expect(client.output(id)).toBe('hello\n');
    worker.terminate();
  });

  it('lets sleep wait in virtual time at the chosen speed', async () => {
    const { client, timers, worker } = await booted();
    await client.request('setSpeed', { speed: 10 });
    const { reply } = client.send('run', { input: 'sleep 5; echo woke' });
    let done = false;
    void reply.then(() => (done = true));
    await flushMicrotasks();
    timers.advance(400); // 4 virtual seconds
    await flushMicrotasks();
    expect(done).toBe(false);
    timers.advance(200);
    await flushMicrotasks();
    expect(done).toBe(true);
    worker.terminate();
  });

  it('keeps virtual time in whole milliseconds', async () => {
    const { client, timers, worker } = await booted();
    await client.request('setSpeed', { speed: 10 });
    for (let i = 0; i < 7; i++) timers.advance(16.7);
    const clock = await client.request('setSpeed', { speed: 1 });
    expect(Number.isInteger(clock.now)).toBe(true);
    worker.terminate();
  });

  it('streams a watch until interrupted', async () => {
    const { client, timers, worker } = await booted();
    const { id, reply } = client.send('run', { input: 'kubectl get pods -w' });
    await flushMicrotasks();
    await client.request('run', { input: 'kubectl create deployment web --image=nginx' }).catch((e) => expect(e.message).toMatch(/already running/));
    timers.advance(1000);
    expect(await client.request('interrupt', { target: id })).toEqual({ interrupted: true });
    expect(await reply).toEqual({ exitCode: 130 });
    worker.terminate();
  });

  it('completes verbs, kinds, flags and live names', async () => {
    const { client, worker } = await booted();
    await client.request('run', { input: 'kubectl create deployment web --image=nginx --replicas=2' });
    await client.request('skipAhead', {});
    const c = (line: string) => client.request('complete', { line, cursor: line.length });
    expect((await c('kub')).candidates).toEqual(['kubectl']);
    expect((await c('kubectl ge')).candidates).toEqual(['get']);
    expect((await c('kubectl get deploy')).candidates).toContain('deployment');
    expect((await c('kubectl get deployment w')).candidates).toEqual(['web']);
    const pods = await c('kubectl logs web-');
    expect(pods.candidates).toHaveLength(2);
    expect(pods.start).toBe('kubectl logs '.length);
    expect((await c('kubectl get pods -n kube-sys')).candidates).toEqual(['kube-system']);
    expect((await c('kubectl get pods --selec')).candidates).toEqual(['--selector']);
    expect((await c('kubectl describe deploy/w')).candidates).toEqual(['deploy/web']);
    worker.terminate();
  });

  it('applies YAML like kubectl apply -f -', async () => {
    const { client, worker } = await booted();
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';
    expect(await client.request('apply', { text: yaml })).toEqual({ exitCode: 0, stdout: 'configmap/settings created\n', stderr: '' });
    const bad = await client.request('apply', { text: 'kind: ConfigMap\n' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/apiVersion/);
    worker.terminate();
  });

  it('applies into the terminal session namespace', async () => {
    const { client, worker } = await booted();
    await client.request('run', { input: 'kubectl create namespace team && kubectl config set-context --current --namespace=team' });
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';
    expect(await client.request('apply', { text: yaml })).toEqual({ exitCode: 0, stdout: 'configmap/settings created\n', stderr: '' });
    const { id, reply } = client.send('run', { input: 'kubectl get configmap settings -n team -o name; kubectl get configmap settings -n default' });
    expect(await reply).toEqual({ exitCode: 1 });
    expect(client.output(id)).toBe('configmap/settings\nError from server (NotFound): configmaps "settings" not found\n');
    worker.terminate();
  });

  it('reads editor buffers as files', async () => {
    const { client, worker } = await booted();
    await client.request('setFiles', { files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fromfile\n' } });
    const { id, reply } = client.send('run', { input: 'kubectl apply -f cm.yaml' });
    await reply;
    expect(client.output(id)).toBe('configmap/fromfile created\n');
    worker.terminate();
  });

  it('restores from the saved snapshot, exports, resets and imports', async () => {
    const first = await booted();
    await first.client.request('run', { input: 'kubectl create deployment web --image=nginx' });
    await first.client.request('persist', {});
    first.worker.terminate();
    const second = await booted({ storage: first.storage });
    expect(second.state.restored).toBe(true);
    expect(second.state.objects['deployments.apps'].map((d) => d.metadata.name)).toContain('web');
    const { snapshot } = await second.client.request('exportSnapshot', {});
    const reset = await second.client.request('reset', {});
    expect(reset.objects['deployments.apps'].map((d) => d.metadata.name)).not.toContain('web');
    const imported = await second.client.request('importSnapshot', { snapshot });
    expect(imported.objects['deployments.apps'].map((d) => d.metadata.name)).toContain('web');
    expect(imported.clock.now).toBe(snapshot.queue ? (snapshot.queue as { now: number }).now : NaN);
    second.worker.terminate();
  });

  it('keeps history for the history builtin', async () => {
    const timers = manualTimers();
    const client = new TestClient(createInProcessWorker({ timers }));
    await client.request('boot', { speed: 1, history: ['kubectl get nodes'], files: {} });
    const { id, reply } = client.send('run', { input: 'history' });
    await reply;
    expect(client.output(id)).toBe('    1  kubectl get nodes\n    2  history\n');
    client.worker.terminate();
  });
});
