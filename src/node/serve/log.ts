/**
 * `pods/<name>/log`: what the node's kubelet kept for a container, as text/plain; `follow=true`
 * streams new lines as virtual time advances, until the container stops or the pod goes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../../engine/api/errors';
import type { KubeObject } from '../../engine/objects';
import type { ServeContext } from './context';
import type { ResourceRoute } from './routes';

interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceTime?: number;
  timestamps?: boolean;
}

interface LogSource {
  logs(namespace: string, pod: string, container: string, opts: LogOptions): string[];
}

function defaultContainer(pod: KubeObject, requested: string | null): string {
  if (requested) return requested;
  const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  if (names.length === 1) return names[0];
  throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
}

export function servePodLog(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): void {
  const pod = ctx.sim.api.get('pods', route.namespace, route.name!);
  const container = defaultContainer(pod, q.get('container'));
  const kubelet = ctx.sim.component('kubelet') as unknown as LogSource | undefined;
  if (!kubelet) throw badRequest('no kubelet is running in this cluster');
  const since = q.get('sinceSeconds') ? ctx.sim.now() - Number(q.get('sinceSeconds')) * 1000 : q.get('sinceTime') ? Date.parse(q.get('sinceTime')!) : undefined;
  const opts: LogOptions = {
    previous: q.get('previous') === 'true',
    tailLines: q.has('tailLines') ? Number(q.get('tailLines')) : undefined,
    sinceTime: since,
    timestamps: q.get('timestamps') === 'true',
  };
  const lines = kubelet.logs(pod.metadata.namespace!, pod.metadata.name, container, opts);
  const limit = q.has('limitBytes') ? Number(q.get('limitBytes')) : Infinity;
  const text = lines.map((l) => l + '\n').join('');
  if (q.get('follow') !== 'true' || opts.previous) {
    const out = Number.isFinite(limit) ? Buffer.from(text).subarray(0, limit).toString() : text;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.write(text);
  let seen = kubelet.logs(pod.metadata.namespace!, pod.metadata.name, container, { timestamps: opts.timestamps }).length;
  const endWait = ctx.clock.beginWait();
  const check = () => {
    const live = ctx.sim.api.tryGet('pods', pod.metadata.namespace, pod.metadata.name);
    let all: string[] = [];
    try {
      all = kubelet.logs(pod.metadata.namespace!, pod.metadata.name, container, { timestamps: opts.timestamps });
    } catch {
      // the container is restarting: nothing new to send
    }
    if (all.length > seen) res.write(all.slice(seen).map((l) => l + '\n').join(''));
    seen = Math.max(seen, all.length);
    const st = live?.status?.containerStatuses?.find((s: { name: string }) => s.name === container);
    if (!live || live.metadata.uid !== pod.metadata.uid || st?.state?.terminated) finish();
  };
  const unsubscribe = ctx.clock.onAdvance(check);
  function finish() {
    unsubscribe();
    endWait();
    if (!res.writableEnded) res.end();
  }
  req.on('close', finish);
  res.on('close', finish);
}
