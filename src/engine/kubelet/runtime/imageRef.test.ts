import { describe, expect, it } from 'vitest';
import { imageDigest, imageId, parseImageRef } from './imageRef';

describe('parseImageRef', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/library/nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['polinux/stress', 'docker.io/polinux/stress:latest'],
    ['mcr.microsoft.com/dotnet/samples:aspnetapp', 'mcr.microsoft.com/dotnet/samples:aspnetapp'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`],
  ])('%s -> %s', (image, full) => {
    const r = parseImageRef(image);
    expect(r.ok && r.ref.full).toBe(full);
  });

  it('keys references by repository', () => {
    const r = parseImageRef('nginx:1.25');
    expect(r.ok && [r.ref.registry, r.ref.path, r.ref.repository, r.ref.tag]).toEqual(['docker.io', 'library/nginx', 'docker.io/library/nginx', '1.25']);
  });

  it('rejects uppercase repositories with the kubelet message', () => {
    expect(parseImageRef('NGINX')).toEqual({
      ok: false,
      reason: 'InvalidImageName',
      message: 'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    });
  });

  it('rejects malformed references', () => {
    for (const bad of ['nginx:', 'nginx:bad tag', 'ngin x', 'nginx@sha256:xyz', '-nginx']) {
      const r = parseImageRef(bad);
      expect(r.ok ? 'parsed' : r.message).toBe(`Failed to apply default image tag "${bad}": couldn't parse image name "${bad}": invalid reference format`);
    }
  });

  it('gives stable digests and image IDs', () => {
    const r = parseImageRef('nginx:1.25');
    if (!r.ok) throw new Error('parse');
    expect(imageDigest(r.ref)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(imageDigest(r.ref)).toBe(imageDigest(r.ref));
    expect(imageId(r.ref)).toBe(`docker.io/library/nginx@${imageDigest(r.ref)}`);
  });
});
