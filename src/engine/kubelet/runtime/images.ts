/**
 * Image resolution and pulls: which references exist, what a pull costs in virtual time, and
 * the containerd/kubelet error text when it fails.
 *
 * Existence rule (the sandbox has no registry to ask):
 * - A catalogued repository exists; its tags follow the catalog's TagRule (`nginx:1.27.3`,
 *   `nginx:alpine` exist; `nginx:1.999`, `nginx:nope` do not → NotFound).
 * - Any other repository under `docker.io/library/` does not exist (Docker Hub's official
 *   images are all catalogued, so `ngnix` is a typo) → "pull access denied".
 * - A registry host ending in `.invalid`, `.example`, `.test` or `.local`, or `example.com`,
 *   does not resolve → DNS error.
 * - Every other image exists and behaves as a generic long-running server, unless its tag is
 *   one that says it does not exist: doesnotexist, does-not-exist, nonexistent, non-existent,
 *   notexist, notfound, not-found, missing, nope, bogus, invalid, 404 → NotFound.
 */
import { catalogEntry, tagExists, type ImageSpec } from './catalog';
import { imageDigest, type ImageRef } from './imageRef';
import { silent } from './servers';

export { parseImageRef, imageDigest, imageId, type ImageRef, type ParsedImage } from './imageRef';
export { CATALOG, catalogEntry, type ImageSpec, type TagRule } from './catalog';

const MISSING_TAGS = /^(doesnotexist|does-not-exist|nonexistent|non-existent|notexist|notfound|not-found|missing|nope|bogus|invalid|404)$/;
const UNRESOLVABLE_HOST = /(\.invalid|\.example|\.test|\.local)(:\d+)?$|^example\.com(:\d+)?$/;

/** The generic image used for references the catalog does not know. */
export function genericImage(repository: string): ImageSpec {
  const binary = '/app/server';
  return {
    repository, os: 'linux', shell: true, entrypoint: [binary], cmd: [], servers: { [binary]: silent }, tools: [],
    ports: [], readySeconds: 1, sizeBytes: 50_000_000, cpuMillis: 1, memoryBytes: 16 * 1024 * 1024, tags: { named: [], any: true },
  };
}

/** The image spec of a reference: the catalog's or the generic one. */
export function imageSpec(ref: ImageRef): ImageSpec {
  return catalogEntry(ref.repository) ?? genericImage(ref.repository);
}

/** Compressed bytes to download for this reference (alpine variants are smaller). */
export function imageSize(ref: ImageRef): number {
  const spec = imageSpec(ref);
  return ref.tag?.includes('alpine') && spec.alpineSizeBytes ? spec.alpineSizeBytes : spec.sizeBytes;
}

export type PullFailure = 'NotFound' | 'AccessDenied' | 'UnknownHost';

/** Why a pull of this reference fails, or undefined when it succeeds. */
export function pullFailure(ref: ImageRef): PullFailure | undefined {
  if (UNRESOLVABLE_HOST.test(ref.registry)) return 'UnknownHost';
  const spec = catalogEntry(ref.repository);
  if (!spec && ref.repository.startsWith('docker.io/library/')) return 'AccessDenied';
  if (ref.digest && !ref.tag) return undefined;
  const tag = ref.tag ?? 'latest';
  if (spec) return tagExists(spec.tags, tag) ? undefined : 'NotFound';
  return MISSING_TAGS.test(tag) ? 'NotFound' : undefined;
}

/** The CRI error containerd returns for a failed pull. */
export function pullErrorText(ref: ImageRef, failure: PullFailure): string {
  const prefix = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  switch (failure) {
    case 'NotFound':
      return `rpc error: code = NotFound desc = ${prefix}: ${ref.full}: not found`;
    case 'AccessDenied':
      return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    case 'UnknownHost': {
      const host = ref.registry.replace(/:\d+$/, '');
      const reference = ref.tag ?? ref.digest ?? 'latest';
      return `rpc error: code = Unknown desc = ${prefix}: failed to do request: Head "https://${ref.registry}/v2/${ref.path}/manifests/${reference}": dial tcp: lookup ${host} on 168.63.129.16:53: no such host`;
    }
  }
}

export type PullResult =
  | { ok: true; durationMs: number; sizeBytes: number; digest: string }
  | { ok: false; durationMs: number; failure: PullFailure; error: string; message: string };

export interface PullModel {
  /** Bytes per second a node downloads and unpacks at (default 50 MB/s). */
  bandwidth?: number;
  /** Registry round trips before the first byte (default 400 ms). */
  latencyMs?: number;
}

/**
 * A pull of `ref`: how long it takes and how it ends. `random` is the simulation's seeded
 * source (values in [0, 1)); two draws are taken, so the outcome is deterministic per seed.
 * The event message is the kubelet's: `Failed to pull image "<as written>": <CRI error>`.
 */
export function pullImage(ref: ImageRef, random: () => number, model: PullModel = {}): PullResult {
  const bandwidth = model.bandwidth ?? 50_000_000;
  const latency = (model.latencyMs ?? 400) * (0.75 + random() * 0.5);
  const failure = pullFailure(ref);
  if (failure) {
    const error = pullErrorText(ref, failure);
    return { ok: false, durationMs: Math.round(latency), failure, error, message: `Failed to pull image "${ref.original}": ${error}` };
  }
  const sizeBytes = imageSize(ref);
  const transfer = (sizeBytes / bandwidth) * 1000 * (0.8 + random() * 0.4);
  return { ok: true, durationMs: Math.round(latency + transfer), sizeBytes, digest: imageDigest(ref) };
}
