import { describe, expect, it } from 'vitest';
import { applyMarkers } from './applyMarkers';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n';

describe('applyMarkers', () => {
  it('places field errors on their lines', () => {
    const m = applyMarkers(pod, 'The Pod "p" is invalid: spec.containers[0].image: Required value\n');
    expect(m).toHaveLength(1);
    expect(m[0].line).toBe(6); // the deepest key the text has
  });
  it('places unknown fields', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  tpye: 1\n';
    const m = applyMarkers(text, 'Error from server (BadRequest): error when creating "STDIN": strict decoding error: unknown field "spec.tpye"\n');
    expect(m[0].line).toBe(6);
  });
  it('puts errors without a path on the first line', () => {
    expect(applyMarkers(pod, 'error: no objects passed to apply\n')).toEqual([{ line: 1, message: 'error: no objects passed to apply', severity: 'error' }]);
  });
});
