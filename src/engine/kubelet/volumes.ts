/**
 * The pod's volumes as a container's file system shows them (kubectl exec): an emptyDir is one
 * directory for the whole pod — created empty when the pod is set up on the node, shared by every
 * container that mounts it, kept across container restarts, removed with the pod
 * (https://kubernetes.io/docs/concepts/storage/volumes/#emptydir). Its files are kept in
 * `PodState.volumes` (plain JSON): what exec sessions write, and what a container's own process
 * wrote there once that process has ended. While a process runs, its writes are read from it
 * directly, and are newer than a copy kept from an earlier instance. A process starts seeing
 * what the volume held when it started (kept in its record, so a replay sees the same); later
 * writes by other containers it does not see. configMap and secret volumes show one read-only file per key (or per `items` entry,
 * at its `path`); the kubelet mounts them read-only whatever the volumeMount says.
 * A mount with `subPath`, and the other volume types, are not shown.
 */
import type { Container, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../objects';
import { normalisePath, type FileLayer, type ListableFs, type VolumeView } from './runtime/rootfs';
import { base64Decode } from './containerEnv';
import type { NodeKubelet } from './kubelet';
import type { ContainerState, PodState } from './types';

function emptyDirMounts(spec: Container, pod: KubeObject): { mount: VolumeMount; volume: Volume }[] {
  const volumes = (pod.spec?.volumes ?? []) as Volume[];
  const out: { mount: VolumeMount; volume: Volume }[] = [];
  for (const mount of spec.volumeMounts ?? []) {
    const volume = volumeNamed(volumes, mount.name);
    if (volume?.emptyDir && !mount.subPath) out.push({ mount, volume });
  }
  return out;
}

function volumeNamed(volumes: Volume[], name: string): Volume | undefined {
  for (const v of volumes) if (v.name === name) return v;
  return undefined;
}

/** The pod's emptyDir `name`, created empty on first use. */
function emptyDir(ps: PodState, name: string): FileLayer {
  ps.volumes ??= {};
  return (ps.volumes[name] ??= {});
}

/** Whether the container mounts an emptyDir (so its process's writes there must outlive it). */
export function mountsEmptyDir(spec: Container, pod: KubeObject | undefined): boolean {
  // Asked at every container start and stop: loops, no list of mounts built to count it.
  const volumes = pod?.spec?.volumes as Volume[] | undefined;
  if (!volumes || !spec.volumeMounts) return false;
  for (const mount of spec.volumeMounts) {
    if (mount.subPath) continue;
    if (volumeNamed(volumes, mount.name)?.emptyDir) return true;
  }
  return false;
}

/** The container instance ends: what its process wrote in emptyDirs stays with the pod. */
export function keepVolumeWrites(ps: PodState, spec: Container, pod: KubeObject, fs: ListableFs): void {
  for (const { mount } of emptyDirMounts(spec, pod)) {
    const files = emptyDir(ps, mount.name);
    const at = normalisePath(mount.mountPath);
    for (const path of fs.paths?.() ?? []) {
      if (!path.startsWith(at + '/') || files[path.slice(at.length)] === null) continue;
      files[path.slice(at.length)] = fs.read(path) ?? '';
    }
  }
}

/** What the container's emptyDir mounts hold now, by path inside the container (a new process's view). */
export function volumeFilesAt(ps: PodState, spec: Container, pod: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { mount } of emptyDirMounts(spec, pod)) {
    const at = normalisePath(mount.mountPath);
    for (const [rel, text] of Object.entries(ps.volumes?.[mount.name] ?? {})) if (text !== null && !rel.startsWith('dir:')) out[at + rel] = text;
  }
  return out;
}

function keyFiles(data: Record<string, string>, items: { key: string; path: string }[] | undefined, decode: (v: string) => string): FileLayer {
  const files: FileLayer = {};
  const entries = items?.length ? items.filter((i) => i.key in data).map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
  for (const [path, value] of entries) files[normalisePath(path)] = decode(value);
  return files;
}

/**
 * The volumes container `c` mounts, for its exec view. `processFs` says where a container's
 * running process keeps its files (undefined when it has none).
 */
export function containerVolumes(k: NodeKubelet, ps: PodState, c: ContainerState, pod: KubeObject, processFs: (x: ContainerState) => ListableFs | undefined): VolumeView[] {
  const spec = k.containerSpec(ps, c);
  const volumes = (pod.spec?.volumes ?? []) as Volume[];
  const ns = pod.metadata.namespace ?? 'default';
  const views: VolumeView[] = [];
  for (const mount of spec.volumeMounts ?? []) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume || mount.subPath || mount.subPathExpr) continue;
    const path = normalisePath(mount.mountPath);
    if (volume.emptyDir) {
      const sources: VolumeView['sources'] = [];
      for (const x of ps.containers) {
        if (x.step !== 'running') continue;
        const at = emptyDirMounts(k.containerSpec(ps, x), pod).find((m) => m.mount.name === mount.name);
        const fs = at && processFs(x);
        if (at && fs) sources.push({ fs, path: normalisePath(at.mount.mountPath) });
      }
      views.push({ path, files: emptyDir(ps, mount.name), readOnly: !!mount.readOnly, sources });
    } else if (volume.configMap) {
      const cm = k.ctx.store.get('configmaps', ns, volume.configMap.name ?? '');
      views.push({ path, files: keyFiles((cm?.data ?? {}) as Record<string, string>, volume.configMap.items, (v) => v), readOnly: true });
    } else if (volume.secret) {
      const secret = k.ctx.store.get('secrets', ns, volume.secret.secretName ?? '');
      views.push({ path, files: keyFiles((secret?.data ?? {}) as Record<string, string>, volume.secret.items, base64Decode), readOnly: true });
    }
  }
  return views;
}
