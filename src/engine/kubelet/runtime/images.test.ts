import { describe, expect, it } from 'vitest';
import { catalogEntry, tagExists } from './catalog';
import { parseImageRef, pullFailure, pullImage, imageSpec, type ImageRef } from './images';

function ref(image: string): ImageRef {
  const r = parseImageRef(image);
  if (!r.ok) throw new Error(r.message);
  return r.ref;
}

const seq = (...values: number[]) => () => values.shift() ?? 0.5;

describe('tags', () => {
  it('accepts plausible versions and named tags of known repositories', () => {
    const nginx = catalogEntry('docker.io/library/nginx');
    if (!nginx) throw new Error('nginx missing');
    for (const t of ['latest', '1.25', '1.27.3', 'alpine', 'stable', '1.27-alpine', '1']) expect(tagExists(nginx.tags, t)).toBe(true);
    for (const t of ['1.999', 'doesnotexist', 'nope', '2.0', '1.25-windows']) expect(tagExists(nginx.tags, t)).toBe(false);
  });

  it('knows every image the corpus manifests use', () => {
    for (const image of [
      'busybox:1.37.0', 'rabbitmq:4.3.2-management-alpine', 'ghcr.io/azure-samples/aks-store-demo/order-service:2.2.0',
      'ghcr.io/azure-samples/aks-store-demo/product-service:2.2.0', 'ghcr.io/azure-samples/aks-store-demo/store-front:2.2.0',
      'gcr.io/google-samples/gb-frontend:v5', 'gcr.io/google_samples/gb-redisslave:v1', 'registry.k8s.io/redis:e2e',
      'mcr.microsoft.com/azuredocs/azure-vote-front:v1', 'mcr.microsoft.com/oss/bitnami/redis:6.0.8',
      'mcr.microsoft.com/dotnet/framework/samples:aspnetapp',
    ]) {
      expect(catalogEntry(ref(image).repository), image).toBeDefined();
      expect(pullFailure(ref(image)), image).toBeUndefined();
    }
    expect(imageSpec(ref('mcr.microsoft.com/dotnet/framework/samples:aspnetapp')).os).toBe('windows');
  });
});

describe('pullImage', () => {
  it('takes latency plus size over bandwidth, deterministically', () => {
    const r = pullImage(ref('nginx:1.25'), seq(0.5, 0.5));
    expect(r).toMatchObject({ ok: true, sizeBytes: 72_000_000, durationMs: 400 + 1440 });
    expect(pullImage(ref('nginx:1.25'), seq(0.5, 0.5))).toEqual(r);
    const alpine = pullImage(ref('nginx:alpine'), seq(0.5, 0.5));
    expect(alpine.ok && alpine.sizeBytes).toBe(20_000_000);
  });

  it('reports a missing tag as containerd NotFound', () => {
    const r = pullImage(ref('nginx:nope'), seq(0.5));
    expect(r.ok ? '' : r.message).toBe(
      'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    );
  });

  it('reports an unknown official repository as pull access denied', () => {
    const r = pullImage(ref('ngnix'), seq(0.5));
    expect(r.ok ? '' : r.message).toBe(
      'Failed to pull image "ngnix": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('reports an unresolvable registry as a DNS failure', () => {
    const r = pullImage(ref('registry.invalid/team/app:v1'), seq(0.5));
    expect(r.ok ? '' : r.error).toContain('lookup registry.invalid on 168.63.129.16:53: no such host');
  });

  it('lets unknown images exist unless the tag says otherwise', () => {
    expect(pullFailure(ref('myorg/api:v3'))).toBeUndefined();
    expect(pullFailure(ref('myorg/api:doesnotexist'))).toBe('NotFound');
    expect(pullFailure(ref('contoso.azurecr.io/web:404'))).toBe('NotFound');
  });
});
