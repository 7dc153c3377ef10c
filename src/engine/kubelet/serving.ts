/**
 * What a TCP connection to one of a pod's ports finds, for the cluster network
 * (engine/network): `down` when the node's kubelet and runtime are gone (nothing answers, the
 * client times out), `refused` when no running container listens on the port, else `open` with
 * the container's image and, for an HTTP request, the status its server model answers and a way
 * to read the container's files (what a web server sends from its docroot).
 */
import type { KubeObject } from '../objects';
import type { NodeKubelet } from './kubelet';
import { readContainerFile } from './exec';
import { liveProcess } from './processes';

export type Serving =
  | { state: 'down' }
  | { state: 'refused' }
  | {
      state: 'open';
      image: string;
      status?: number;
      /** For an HTTP request: reads a file of the serving container (a web server's docroot). */
      readFile?: (path: string) => string | undefined;
    };

export function podServing(k: NodeKubelet | undefined, pod: KubeObject | undefined, port: number, path?: string): Serving {
  if (!k || !pod || !k.state.alive) return { state: 'down' };
  const ps = k.state.pods[pod.metadata.uid ?? ''];
  if (!ps || ps.finished) return { state: 'refused' };
  for (const c of ps.containers) {
    const rec = c.process;
    if (c.init || c.step !== 'running' || !rec?.listening || (rec.ports.length > 0 && !rec.ports.includes(port))) continue;
    if (path === undefined) return { state: 'open', image: c.image };
    return { state: 'open', image: c.image, status: liveProcess(k, ps, c)?.proc.http?.(port, path) ?? 200, readFile: (file) => readContainerFile(k, ps, c, pod, file) };
  }
  return { state: 'refused' };
}
