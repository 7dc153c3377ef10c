import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { validateAnnotations, validateLabels, validateObjectMetaUpdate } from './objectMeta';

/** What validateObjectMetaUpdate answered before it remembered clean stored parts. */
function recomputed(meta: ObjectMeta, old: ObjectMeta) {
  return validateObjectMetaUpdate(JSON.parse(JSON.stringify(meta)), JSON.parse(JSON.stringify(old)));
}

describe('validateObjectMetaUpdate skipping stored parts known clean', () => {
  it('answers what a fresh validation answers, whether parts are shared, changed or invalid', () => {
    let s = 3;
    const next = (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
    const labelSets: (Record<string, string> | undefined)[] = [undefined, { app: 'web' }, { 'bad key!': 'v' }, { app: 'bad value!' }, { 'example.com/x': 'y' }];
    const annotationSets: (Record<string, string> | undefined)[] = [undefined, { a: 'b' }, { 'Bad Key!': 'x' }];
    const finalizerSets = [undefined, ['example.com/f'], ['kubernetes.io/unknown'], ['kubernetes'], ['foregroundDeletion']];
    const ownerSets = [undefined, [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }], [{ apiVersion: '', kind: '', name: '', uid: '' }]];
    const pick = <T>(xs: T[]): T => {
      const v = xs[next(xs.length)];
      return v === undefined ? v : JSON.parse(JSON.stringify(v));
    };
    let stored: ObjectMeta = { name: 'p', labels: pick(labelSets) };
    for (let i = 0; i < 3000; i++) {
      const meta: ObjectMeta = { ...stored };
      if (next(3) === 0) meta.labels = pick(labelSets);
      if (next(3) === 0) meta.annotations = pick(annotationSets);
      if (next(3) === 0) meta.finalizers = pick(finalizerSets);
      if (next(3) === 0) meta.ownerReferences = pick(ownerSets) as ObjectMeta['ownerReferences'];
      const expected = recomputed(meta, stored);
      expect(validateObjectMetaUpdate(meta, stored)).toEqual(expected);
      // The next stored version is this one when the write passes (or a fresh copy, as a restore).
      if (expected.length === 0) stored = next(5) === 0 ? JSON.parse(JSON.stringify(meta)) : meta;
    }
    expect(validateLabels({ app: 'web' }, 'metadata.labels')).toEqual([]);
    expect(validateAnnotations({ a: 'b' }, 'metadata.annotations')).toEqual([]);
  });
});
