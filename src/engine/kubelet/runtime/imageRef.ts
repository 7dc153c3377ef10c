/**
 * Image references as containerd and the kubelet read them (distribution/reference's
 * ParseNormalizedNamed): `nginx`, `nginx:1.25`, `library/nginx`, `docker.io/library/nginx:1.25`,
 * `mcr.microsoft.com/dotnet/samples:aspnetapp`, `nginx@sha256:…`. A bad reference is the
 * kubelet's InvalidImageName with its message.
 */

export interface ImageRef {
  /** As written in the pod spec. */
  original: string;
  /** `docker.io`, `mcr.microsoft.com`, `localhost:5000`… */
  registry: string;
  /** Path inside the registry: `library/nginx`. */
  path: string;
  /** `docker.io/library/nginx`: the catalog key. */
  repository: string;
  /** The tag; `latest` when neither tag nor digest is given. */
  tag?: string;
  digest?: string;
  /** What containerd resolves and reports: `docker.io/library/nginx:1.25`. */
  full: string;
}

export type ParsedImage = { ok: true; ref: ImageRef } | { ok: false; reason: 'InvalidImageName'; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

function invalid(image: string, detail: string): ParsedImage {
  return {
    ok: false,
    reason: 'InvalidImageName',
    message: `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${detail}`,
  };
}

/** Split off the registry the way docker does: the first component is a host if it has `.` or `:` or is localhost. */
function splitDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0 || !(first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    const path = name.includes('/') ? name : `library/${name}`;
    return ['docker.io', path];
  }
  let domain = first;
  let path = name.slice(slash + 1);
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return [domain, path];
}

export function parseImageRef(image: string): ParsedImage {
  if (/^[a-f0-9]{64}$/.test(image)) {
    return invalid(image, `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`);
  }
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return invalid(image, 'invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return invalid(image, 'invalid reference format');
  }
  if (!rest) return invalid(image, 'invalid reference format');
  const [registry, path] = splitDomain(rest);
  if (path !== path.toLowerCase()) {
    return invalid(image, `invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (!DOMAIN.test(registry) || !path.split('/').every((c) => COMPONENT.test(c))) {
    return invalid(image, 'invalid reference format');
  }
  if (!tag && !digest) tag = 'latest';
  const repository = `${registry}/${path}`;
  const full = repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { ok: true, ref: { original: image, registry, path, repository, tag, digest, full } };
}

/** A stable fake sha256 digest for a resolved reference (FNV-1a, expanded to 64 hex digits). */
export function imageDigest(ref: ImageRef): string {
  if (ref.digest) return ref.digest;
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${round}:${ref.repository}:${ref.tag}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** The imageID a pod's containerStatus reports: `docker.io/library/nginx@sha256:…`. */
export function imageId(ref: ImageRef): string {
  return `${ref.repository}@${imageDigest(ref)}`;
}
