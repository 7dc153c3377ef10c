import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './decode';

/** A tiny protobuf writer for fixtures: fields as [number, value] with strings, numbers, nested arrays. */
type F = [number, string | number | boolean | F[] | Buffer];
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
function encode(fields: F[]): Buffer {
  return Buffer.concat(
    fields.map(([num, v]) => {
      if (typeof v === 'number' || typeof v === 'boolean') return Buffer.concat([varint(num << 3), varint(Number(v))]);
      const body = typeof v === 'string' ? Buffer.from(v) : Buffer.isBuffer(v) ? v : encode(v);
      return Buffer.concat([varint((num << 3) | 2), varint(body.length), body]);
    }),
  );
}
const envelope = (apiVersion: string, kind: string, raw: F[]) => Buffer.concat([Buffer.from('k8s\0', 'latin1'), encode([[1, [[1, apiVersion], [2, kind]]], [2, encode(raw)], [3, ''], [4, '']])]);

describe('decodeKubernetesProtobuf', () => {
  it('decodes meta.k8s.io kinds sent under a group version (Helm deletes its release Secrets with a v1 DeleteOptions)', () => {
    const body = envelope('v1', 'DeleteOptions', [[4, 'Background']]);
    expect(decodeKubernetesProtobuf(body)).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
  });

  it('decodes a ConfigMap, dropping the zero values Go writes', () => {
    const body = envelope('v1', 'ConfigMap', [
      [1, [[1, 'cfg'], [2, ''], [3, 'default'], [11, [[1, 'app'], [2, 'web']]]]],
      [2, [[1, 'a'], [2, 'b']]],
      [4, false],
    ]);
    expect(decodeKubernetesProtobuf(body)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', labels: { app: 'web' } }, data: { a: 'b' } });
  });

  it('decodes a Deployment with an IntOrString, a zero-time creationTimestamp and replicas 0', () => {
    const body = envelope('apps/v1', 'Deployment', [
      [1, [[1, 'web']]],
      [2, [
        [1, 0],
        [2, [[1, [[1, 'app'], [2, 'web']]]]],
        [3, [[1, [[8, []], [11, [[1, 'app'], [2, 'web']]]]], [2, [[2, [[1, 'nginx'], [2, 'nginx:1.25'], [6, [[3, 80], [4, 'TCP']]]]]]]]],
        [4, [[1, 'RollingUpdate'], [2, [[1, [[1, 1], [3, '25%']]]]]]],
      ]],
    ]);
    const d = decodeKubernetesProtobuf(body) as any;
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.template.metadata).toEqual({ labels: { app: 'web' } });
    expect(d.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe('25%');
  });

  it('refuses a body without the k8s prefix', () => {
    expect(() => decodeKubernetesProtobuf(Buffer.from('{}'))).toThrow(/prefix/);
  });
});
